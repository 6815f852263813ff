// pipeline/render.cpp - planning utterances and rendering them with eSpeak NG
#include "pipeline/render.hpp"

#include <algorithm>
#include <cstdlib>

#include "narrate/narrate.hpp"
#include "pipeline/spoken_forms.hpp"
#include "synth/rate.hpp"

namespace narrate::pipeline {

namespace {

Boundary boundary_after(const Sentence& sentence, bool last) {
  if (last) return Boundary::End;
  if (!sentence.ends_block) return Boundary::Sentence;
  if (sentence.kind == BlockKind::Heading) return Boundary::Heading;
  return Boundary::Paragraph;
}

std::int64_t pause_samples_for(Boundary boundary, const synth::Pauses& pauses) {
  switch (boundary) {
    case Boundary::Sentence: return pauses.sentence;
    case Boundary::Paragraph: return pauses.paragraph;
    case Boundary::Heading: return pauses.heading;
    case Boundary::End: break;
  }
  // After the last sentence the engine's own end pause closes the audio.
  return 0;
}

}  // namespace

std::vector<Utterance> plan_utterances(const Document& document,
                                       const std::vector<std::string>& lexicon_paths) {
  const SpokenForms forms(document.language, lexicon_paths);
  std::vector<Utterance> plan;
  const std::vector<Sentence> sentences = sentences_of(document);
  std::size_t paragraph = 0;
  std::size_t last_block = Sentence::kTitleBlock;
  for (const Sentence& sentence : sentences) {
    if (sentence.block != last_block) {
      if (!plan.empty()) ++paragraph;
      last_block = sentence.block;
    }
    Utterance utterance;
    utterance.spoken = forms.of(sentence).text;
    if (utterance.spoken.find_first_not_of(" \t\n") == std::string::npos) continue;
    utterance.index = plan.size();
    utterance.sentence = sentence;
    Document one;
    one.title = sentence.text;
    utterance.words = count_words(one);
    utterance.paragraph = paragraph;
    plan.push_back(std::move(utterance));
  }
  for (std::size_t i = 0; i < plan.size(); ++i) {
    plan[i].boundary = boundary_after(plan[i].sentence, i + 1 == plan.size());
  }
  return plan;
}

Renderer::Renderer(synth::Engine& engine, const std::string& voice, double target_wpm)
    : engine_(engine), voice_(voice) {
  resolved_voice_ = engine_.resolve_voice(voice_);
  engine_.set_voice(voice_);
  sample_rate_hz_ = engine_.sample_rate_hz();
  set_speed(target_wpm);
}

void Renderer::set_speed(double target_wpm) {
  target_wpm_ = std::clamp(target_wpm, Speed::kMinWpm, Speed::kMaxWpm);
}

RenderedUtterance Renderer::render(const Utterance& utterance, const std::atomic<bool>* stop) {
  RenderedUtterance out;
  out.espeak_rate = synth::espeak_rate_for(target_wpm_, resolved_voice_);
  out.pause_samples =
      pause_samples_for(utterance.boundary, synth::pauses_for(target_wpm_, sample_rate_hz_));
  engine_.set_voice(voice_);
  engine_.set_rate(out.espeak_rate);
  std::int64_t first_loud = -1;
  std::int64_t last_loud = -1;
  const synth::SynthResult result =
      engine_.synthesize(utterance.spoken, [&](std::span<const std::int16_t> samples) {
        const auto base = static_cast<std::int64_t>(out.samples.size());
        for (std::size_t k = 0; k < samples.size(); ++k) {
          if (std::abs(int(samples[k])) > kQuietAmplitude) {
            if (first_loud < 0) first_loud = base + static_cast<std::int64_t>(k);
            last_loud = base + static_cast<std::int64_t>(k);
          }
        }
        out.samples.insert(out.samples.end(), samples.begin(), samples.end());
        return stop == nullptr || !stop->load(std::memory_order_relaxed);
      });
  out.cancelled = result.cancelled;
  out.first_loud = first_loud < 0 ? 0 : first_loud;
  out.last_loud = last_loud < 0 ? 0 : last_loud;
  out.words = result.words;
  return out;
}

}  // namespace narrate::pipeline
