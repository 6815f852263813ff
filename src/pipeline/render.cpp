// pipeline/render.cpp - planning utterances and rendering them with eSpeak NG
#include "pipeline/render.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "audio/time_stretch.hpp"
#include "narrate/narrate.hpp"
#include "pipeline/spoken_forms.hpp"
#include "synth/rate.hpp"
#include "synth/syllables.hpp"
#include "text/word_map.hpp"

namespace narrate::pipeline {

static_assert(synth::kReferenceSyllablesPerWord == Speed::kSyllablesPerWord,
              "the speed scale and its calibration define 1x alike");

namespace {

Boundary boundary_after(const Sentence& sentence, bool last) {
  if (last) return Boundary::End;
  if (!sentence.ends_block) return Boundary::Sentence;
  if (sentence.kind == BlockKind::Heading) return Boundary::Heading;
  return Boundary::Paragraph;
}

double pause_target_ms(Boundary boundary, const synth::PauseTargetsMs& targets) {
  switch (boundary) {
    case Boundary::Sentence:
      return targets.sentence;
    case Boundary::Paragraph:
      return targets.paragraph;
    case Boundary::Heading:
      return targets.heading;
    case Boundary::End:
      break;
  }
  return 0;
}

// narrate's silence after an utterance: what the boundary's pause still needs beyond the
// silence the audio already ends with. Measured rather than taken from eSpeak's end-pause table,
// because the rate (and any stretch) varies from sentence to sentence and so does that silence.
// After the last sentence the engine's own end pause closes the audio.
std::int64_t own_pause_samples(Boundary boundary, double target_wpm, double trailing_samples,
                               int sample_rate_hz) {
  if (boundary == Boundary::End) return 0;
  const double target_ms = pause_target_ms(boundary, synth::pause_targets_ms(target_wpm));
  const double own_ms =
      std::max(synth::kMinOwnPauseMs, target_ms - trailing_samples * 1000.0 / sample_rate_hz);
  return static_cast<std::int64_t>(std::llround(own_ms * sample_rate_hz / 1000.0));
}

// The pause to plan with, before the audio exists: eSpeak's end pause at the target speed.
std::int64_t planned_pause_samples(Boundary boundary, const synth::Pauses& pauses) {
  switch (boundary) {
    case Boundary::Sentence:
      return pauses.sentence;
    case Boundary::Paragraph:
      return pauses.paragraph;
    case Boundary::Heading:
      return pauses.heading;
    case Boundary::End:
      break;
  }
  return 0;
}

// The first and last samples above the quiet threshold (0 when there is none).
void find_loud_extent(RenderedUtterance& out) {
  std::int64_t first = -1;
  std::int64_t last = -1;
  for (std::size_t k = 0; k < out.samples.size(); ++k) {
    if (std::abs(int(out.samples[k])) > kQuietAmplitude) {
      if (first < 0) first = static_cast<std::int64_t>(k);
      last = static_cast<std::int64_t>(k);
    }
  }
  out.first_loud = first < 0 ? 0 : first;
  out.last_loud = last < 0 ? 0 : last;
}

// Changes the tempo of an utterance's audio; word marks move with it. sonic compresses evenly
// enough over a sentence that scaling the positions keeps each mark within a pitch period or two.
void stretch(RenderedUtterance& out, double speed, int sample_rate_hz) {
  const std::size_t before = out.samples.size();
  out.samples = audio::change_tempo(out.samples, sample_rate_hz, speed);
  out.stretch = speed;
  if (before == 0) return;
  const double scale = double(out.samples.size()) / double(before);
  for (synth::WordMark& mark : out.words) {
    mark.sample = static_cast<std::int64_t>(std::llround(double(mark.sample) * scale));
  }
  find_loud_extent(out);
}

/// Copies each block's prosody to its utterances and gives each SSML mark to the utterance it is
/// heard in: the first of its block that ends after the mark, else the block's last. A block
/// with nothing spoken hands its marks to the next utterance's start (or the last one's end).
void attach_block_prosody(const Document& document, std::vector<Utterance>& plan) {
  std::size_t u = 0;
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const Block& block = document.blocks[b];
    while (u < plan.size() &&
           (plan[u].sentence.block < b || plan[u].sentence.block == Sentence::kTitleBlock))
      ++u;
    std::size_t first = u;
    std::size_t last = u;
    while (last < plan.size() && plan[last].sentence.block == b) {
      plan[last].rate = block.rate > 0 ? block.rate : 1.0;
      plan[last].pitch = block.pitch;
      plan[last].volume = block.volume;
      ++last;
    }
    for (const BlockMark& mark : block.marks) {
      if (plan.empty()) break;
      if (first == last) {  // nothing of this block is spoken
        if (first < plan.size())
          plan[first].marks.push_back({0, mark.name});
        else
          plan.back().marks.push_back({static_cast<std::size_t>(-1), mark.name});
        continue;
      }
      std::size_t at = first;
      while (at + 1 < last && plan[at].sentence.end <= mark.offset) ++at;
      plan[at].marks.push_back(mark);
    }
    u = last;
  }
}

}  // namespace

std::vector<Utterance> plan_utterances(const Document& document,
                                       const std::vector<std::string>& lexicon_paths) {
  const SpokenForms forms(document.language, lexicon_paths);
  std::vector<Utterance> plan;
  // Each sentence moves into its utterance, and the vectors are made to size: a plan is kept for
  // the whole narration, so what it wastes grows with the text.
  std::vector<Sentence> sentences = sentences_of(document);
  plan.reserve(sentences.size());
  std::size_t paragraph = 0;
  std::size_t last_block = Sentence::kTitleBlock;
  for (Sentence& sentence : sentences) {
    if (sentence.block != last_block) {
      if (!plan.empty()) ++paragraph;
      last_block = sentence.block;
    }
    Utterance utterance;
    const text::SpokenText spoken = forms.of(sentence);
    utterance.spoken = spoken.text;
    utterance.word_spans = text::map_words(sentence.text, spoken);
    utterance.word_spans.shrink_to_fit();
    if (utterance.spoken.find_first_not_of(" \t\n") == std::string::npos) continue;
    utterance.index = plan.size();
    Document one;
    one.title = sentence.text;
    utterance.words = count_words(one);
    utterance.sentence = std::move(sentence);
    utterance.paragraph = paragraph;
    plan.push_back(std::move(utterance));
  }
  for (std::size_t i = 0; i < plan.size(); ++i) {
    plan[i].boundary = boundary_after(plan[i].sentence, i + 1 == plan.size());
    const std::size_t next_block = i + 1 < plan.size() ? plan[i + 1].sentence.block : 0;
    if (plan[i].boundary == Boundary::Paragraph && next_block < document.blocks.size() &&
        document.blocks[next_block].continues)
      plan[i].boundary = Boundary::Sentence;  // only the prosody changed: the sentence goes on
  }
  attach_block_prosody(document, plan);
  return plan;
}

std::vector<SentenceView> sentence_views(const std::vector<Utterance>& plan) {
  std::vector<SentenceView> views;
  views.reserve(plan.size());
  for (const Utterance& utterance : plan) {
    SentenceView view;
    view.index = utterance.index;
    view.block = utterance.sentence.block;
    view.kind = utterance.sentence.kind;
    view.paragraph = utterance.paragraph;
    view.boundary = utterance.boundary;
    view.begin = utterance.sentence.begin;
    view.end = utterance.sentence.end;
    view.text = utterance.sentence.text;
    view.spoken = utterance.spoken;
    view.word_count = utterance.words;
    view.words = utterance.word_spans;
    views.push_back(std::move(view));
  }
  return views;
}

std::vector<double> due_words(std::span<const Utterance> plan) {
  constexpr std::size_t kWindowSentences = 8;  // as Renderer::render() plans
  std::vector<double> heard(plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) heard[i] = synth::syllables(plan[i].spoken);
  std::vector<double> due(plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    // The window ahead, filled up from behind near the end.
    const std::size_t end = std::min(plan.size(), i + kWindowSentences);
    const std::size_t begin = end - std::min(end, kWindowSentences);
    double words = 0;
    double syllables = 0;
    for (std::size_t j = begin; j < end; ++j) {
      words += double(plan[j].words);
      syllables += heard[j];
    }
    due[i] = heard[i] / synth::paced_density(syllables, words) / plan[i].rate;
  }
  return due;
}

Renderer::Renderer(synth::Engine& engine, const std::string& voice, double target_wpm)
    : engine_(engine), voice_(voice) {
  engine_.resolve_voice(voice_);  // throws Error(Voice) for an unknown voice
  engine_.set_voice(voice_);
  sample_rate_hz_ = engine_.sample_rate_hz();
  target_wpm_ = std::clamp(target_wpm, Speed::kMinWpm, Speed::kMaxWpm);
  calibrator_ = synth::SpeedCalibrator(target_wpm_);
}

void Renderer::set_speed(double target_wpm) {
  const double wpm = std::clamp(target_wpm, Speed::kMinWpm, Speed::kMaxWpm);
  // Callers may pass the speed before every utterance; only a change restarts the count.
  if (wpm == target_wpm_) return;
  target_wpm_ = wpm;
  calibrator_.set_speed(wpm);
}

void Renderer::seed_recent(std::span<const Utterance> before) {
  constexpr std::size_t kWindowSentences = 8;  // as render() keeps
  recent_.clear();
  const std::size_t from = before.size() - std::min(before.size(), kWindowSentences);
  for (std::size_t i = from; i < before.size(); ++i) {
    recent_.push_back({double(before[i].words), synth::syllables(before[i].spoken)});
  }
}

RenderedUtterance Renderer::synthesize_at(const Utterance& utterance, int espeak_rate,
                                          const std::atomic<bool>* stop) {
  RenderedUtterance out;
  out.espeak_rate = espeak_rate;
  engine_.set_voice(voice_);
  engine_.set_rate(espeak_rate);
  engine_.set_pitch(
      static_cast<int>(std::lround(std::clamp(50 + utterance.pitch / 2, 0.0, 100.0))));
  const synth::SynthResult result =
      engine_.synthesize(utterance.spoken, [&](std::span<const std::int16_t> samples) {
        out.samples.insert(out.samples.end(), samples.begin(), samples.end());
        return stop == nullptr || !stop->load(std::memory_order_relaxed);
      });
  out.cancelled = result.cancelled;
  out.words = result.words;
  return out;
}

RenderedUtterance Renderer::render(std::span<const Utterance> upcoming,
                                   const std::atomic<bool>* stop) {
  // Retries are rare (the first sentence when the model guessed poorly, the last when it ends
  // off time); two are plenty.
  constexpr int kMaxSyntheses = 3;
  // The window the speed is planned over (SpeedCalibrator::plan).
  constexpr std::size_t kWindowSentences = 8;
  if (upcoming.empty()) return {};
  const Utterance& utterance = upcoming.front();
  const synth::Pauses pauses = synth::pauses_for(target_wpm_, sample_rate_hz_);
  // Each sentence is due for its spoken syllables at the syllable rate of the asked speed; the
  // window's density sets that rate within the range of ordinary prose (synth::paced_density),
  // so prose keeps its words per minute over every window and dense text keeps the syllable
  // rate of the densest prose.
  // Near the end, where the window shrinks, the sentences just spoken fill it up.
  std::vector<double> heard(std::min(upcoming.size(), kWindowSentences));
  double words = 0;
  double syllables = 0;
  for (std::size_t i = 0; i < heard.size(); ++i) {
    heard[i] = synth::syllables(upcoming[i].spoken);
    words += double(upcoming[i].words);
    syllables += heard[i];
  }
  for (std::size_t i = 0; i < recent_.size() && heard.size() + i < kWindowSentences; ++i) {
    words += recent_[recent_.size() - 1 - i].words;
    syllables += recent_[recent_.size() - 1 - i].syllables;
  }
  const double density = synth::paced_density(syllables, words);
  std::vector<synth::SentenceShape> window;
  for (std::size_t i = 0; i < heard.size(); ++i) {
    window.push_back(
        {heard[i] / density / upcoming[i].rate, synth::speech_units(upcoming[i].spoken),
         double(planned_pause_samples(upcoming[i].boundary, pauses)) / sample_rate_hz_});
  }
  const synth::SentencePlan plan =
      calibrator_.plan(window, upcoming[window.size() - 1].boundary == Boundary::End);

  int rate = plan.espeak_rate;
  RenderedUtterance out;
  synth::RenderDecision decision;
  for (int attempt = 1;; ++attempt) {
    out = synthesize_at(utterance, rate, stop);
    out.syntheses = attempt;
    totals_.syntheses += 1;
    if (out.cancelled) return out;
    decision = calibrator_.decide(plan, rate, double(out.samples.size()) / sample_rate_hz_);
    if (decision.resynthesize_at == 0 || attempt == kMaxSyntheses) break;
    rate = decision.resynthesize_at;
  }
  const double synthesized_seconds = double(out.samples.size()) / sample_rate_hz_;
  if (std::abs(decision.stretch - 1.0) >= 0.002) {  // less is below what sonic would change
    stretch(out, decision.stretch, sample_rate_hz_);
    totals_.stretched += 1;
  } else {
    find_loud_extent(out);
  }
  const auto loud_end = out.last_loud > 0 || out.first_loud > 0 ? out.last_loud + 1 : 0;
  out.pause_samples =
      own_pause_samples(utterance.boundary, target_wpm_,
                        double(std::int64_t(out.samples.size()) - loud_end), sample_rate_hz_);
  out.word_times = time_words(utterance.word_spans, out.words, out.first_loud, loud_end);
  calibrator_.commit(plan, rate, synthesized_seconds, double(out.samples.size()) / sample_rate_hz_,
                     double(out.pause_samples) / sample_rate_hz_);
  if (utterance.volume < 0.999) {  // after the loud extent: a quieter sentence keeps its timing
    const double gain = std::clamp(utterance.volume, 0.0, 1.0);
    for (std::int16_t& v : out.samples) v = static_cast<std::int16_t>(std::lround(v * gain));
  }
  totals_.utterances += 1;
  totals_.syllables += heard.front();
  recent_.push_back({double(utterance.words), heard.front()});
  if (recent_.size() > kWindowSentences) recent_.pop_front();
  return out;
}

}  // namespace narrate::pipeline
