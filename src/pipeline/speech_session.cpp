// pipeline/speech_session.cpp - short utterances for a screen reader: speak, stop at once, events
#include "pipeline/speech_session.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "audio/player.hpp"
#include "narrate/error.hpp"
#include "narrate/speed.hpp"
#include "pipeline/spoken_forms.hpp"
#include "synth/engine.hpp"
#include "synth/rate.hpp"
#include "text/segment.hpp"
#include "text/ssml.hpp"

namespace narrate::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

/// How far CapitalMode::Pitch raises a capital letter, in eSpeak pitch steps (0..100).
constexpr int kCapitalPitchRise = 30;

/// One thing the worker does for an utterance.
struct Step {
  enum class Kind { Speak, Silence, Tone, Mark };
  Kind kind = Kind::Speak;
  std::string text;          ///< Speak: exact text for eSpeak; Mark: the name
  std::int64_t samples = 0;  ///< Silence / Tone length
  double wpm = 200;
  double volume = 1.0;
  std::string voice;
  int pitch = 50;  ///< Speak: eSpeak's pitch, 0..100 (50: the voice's own)
};

struct Job {
  std::uint64_t id = 0;
  SpeechRequest request;
  SpeechSettings settings;
  std::int64_t submitted_ns = 0;
};

std::int64_t ms_to_samples(double ms, int rate_hz) {
  return static_cast<std::int64_t>(std::llround(ms * rate_hz / 1000.0));
}

}  // namespace

int engine_pitch(int speechd_pitch, double percent) noexcept {
  const double pitch = 50 + std::clamp(speechd_pitch, -100, 100) / 2.0 + percent / 2.0;
  return static_cast<int>(std::lround(std::clamp(pitch, 0.0, 100.0)));
}

double wpm_for_speechd_rate(int rate) noexcept {
  const double r = std::clamp(rate, -100, 100) / 100.0;
  const double wpm = r >= 0 ? 200.0 * std::pow(4.5, r) : 200.0 * std::pow(2.5, r);
  return std::clamp(wpm, Speed::kMinWpm, Speed::kMaxWpm);
}

struct SpeechSession::Impl {
  SpeechEventHandler on_event;
  SpeechAudioHandler audio_out;
  synth::Engine& engine = synth::Engine::instance();
  std::unique_ptr<audio::Player> player;
  int rate_hz = 22050;

  mutable std::mutex mutex;
  mutable std::condition_variable wake;
  mutable std::condition_variable idle;
  std::deque<Job> jobs;
  std::uint64_t next_id = 1;
  std::uint64_t done_id = 0;                  // the last job answered with End/Stopped
  std::atomic<std::uint64_t> cancel_upto{0};  // jobs with id <= this are stopped
  bool quit = false;
  std::atomic<bool> pausing{false};
  std::atomic<std::int64_t> first_audio_ns{0};
  std::map<std::string, std::unique_ptr<SpokenForms>> forms;
  std::thread worker;

  bool cancelled(std::uint64_t id) const noexcept { return cancel_upto.load() >= id; }

  void emit(SpeechEvent::Kind kind, std::string mark = {}) {
    SpeechEvent event;
    event.kind = kind;
    event.mark = std::move(mark);
    try {
      on_event(event);
    } catch (...) {
      // The receiver's failure (a closed pipe) must not end the worker.
    }
  }

  const SpokenForms& forms_for(const std::string& language) {
    auto it = forms.find(language);
    if (it == forms.end())
      it = forms
               .emplace(language,
                        std::make_unique<SpokenForms>(language, std::vector<std::string>{}))
               .first;
    return *it->second;
  }

  std::string voice_for(const SpeechSettings& s, const std::string& voice_override,
                        const std::string& language_override) {
    if (!voice_override.empty()) return voice_override;
    if (!language_override.empty()) return engine.default_voice_for_language(language_override);
    if (!s.voice.empty()) return s.voice;
    std::string voice = engine.default_voice_for_language(s.language);
    if (!s.variant.empty()) voice = voice.substr(0, voice.find('+')) + "+" + s.variant;
    return voice;
  }

  /// Plain text in the screen-reading mode: every input is spoken, in sentences, in the form
  /// `--sentences --spoken` gives, after the punctuation and capital rules.
  void text_steps(const std::string& input, const SpeechSettings& s, double wpm, double volume,
                  int pitch, const std::string& voice, const std::string& language,
                  std::vector<Step>& out) {
    const std::string moded = text::apply_speech_mode(input, s.mode);
    if (s.mode.spelling) {
      out.push_back({Step::Kind::Speak, moded, 0, wpm, volume, voice, pitch});
      return;
    }
    Document doc;
    doc.language = language;
    Block block;
    block.kind = BlockKind::Paragraph;
    block.text = moded;
    doc.blocks.push_back(block);
    text::SegmentOptions options;
    options.language = language.substr(0, 2);
    std::vector<Sentence> sentences;
    try {
      sentences = text::segment(doc, options);
    } catch (const std::exception&) {
      sentences.clear();
    }
    const SpokenForms& spoken = forms_for(language);
    const synth::Pauses pauses = synth::pauses_for(wpm, rate_hz);
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      std::string said = spoken.of(sentences[i]).text;
      if (said.find_first_not_of(" \t\n") == std::string::npos) continue;
      if (i > 0) out.push_back({Step::Kind::Silence, "", pauses.sentence, wpm, volume, voice});
      out.push_back({Step::Kind::Speak, std::move(said), 0, wpm, volume, voice, pitch});
    }
  }

  std::vector<Step> build(const Job& job) {
    const SpeechSettings& s = job.settings;
    const std::string voice = voice_for(s, "", "");
    const int pitch = engine_pitch(s.pitch, 0);
    std::vector<Step> steps;
    const std::string& content = job.request.content;
    switch (job.request.kind) {
      case SpeechRequest::Kind::Text:
        text_steps(content, s, s.rate_wpm, s.volume, pitch, voice, s.language, steps);
        break;
      case SpeechRequest::Kind::Ssml: {
        const text::SsmlDocument doc = text::parse_ssml(content);
        for (const text::SsmlPiece& piece : doc.pieces) {
          switch (piece.kind) {
            case text::SsmlKind::Mark:
              steps.push_back({Step::Kind::Mark, piece.text, 0, s.rate_wpm, s.volume, voice});
              break;
            case text::SsmlKind::Break:
              steps.push_back({Step::Kind::Silence, "", ms_to_samples(piece.break_ms, rate_hz),
                               s.rate_wpm, s.volume, voice});
              break;
            case text::SsmlKind::Text: {
              const std::string language =
                  piece.prosody.language.empty() ? s.language : piece.prosody.language;
              text_steps(
                  piece.text, s, s.rate_wpm * piece.prosody.rate, s.volume * piece.prosody.volume,
                  engine_pitch(s.pitch, piece.prosody.pitch_hz_delta),
                  voice_for(s, piece.prosody.voice, piece.prosody.language), language, steps);
              if (piece.paragraph_end) {
                steps.push_back({Step::Kind::Silence, "",
                                 synth::pauses_for(s.rate_wpm, rate_hz).paragraph, s.rate_wpm,
                                 s.volume, voice});
              }
              break;
            }
          }
        }
        break;
      }
      case SpeechRequest::Kind::Char: {
        std::string name = text::character_name(content);
        const bool capital = !content.empty() && content[0] >= 'A' && content[0] <= 'Z';
        int char_pitch = pitch;
        if (capital && s.mode.capitals == text::CapitalMode::Tone) {
          steps.push_back(
              {Step::Kind::Tone, "", ms_to_samples(40, rate_hz), s.rate_wpm, s.volume, voice});
        } else if (capital && s.mode.capitals == text::CapitalMode::Pitch) {
          char_pitch = std::min(100, pitch + kCapitalPitchRise);  // a capital sounds higher
        } else if (capital && s.mode.capitals != text::CapitalMode::None) {
          name = "capital " + name;
        }
        if (!name.empty())
          steps.push_back({Step::Kind::Speak, name, 0, s.rate_wpm, s.volume, voice, char_pitch});
        break;
      }
      case SpeechRequest::Kind::Key: {
        const std::string name = text::key_name(content);
        if (!name.empty())
          steps.push_back({Step::Kind::Speak, name, 0, s.rate_wpm, s.volume, voice, pitch});
        break;
      }
      case SpeechRequest::Kind::SoundIcon:
        steps.push_back(
            {Step::Kind::Tone, "", ms_to_samples(60, rate_hz), s.rate_wpm, s.volume, voice});
        break;
    }
    return steps;
  }

  /// Runs one job to its End or Stopped event.
  void run(const Job& job) {
    const std::uint64_t id = job.id;
    bool begun = false;
    auto begin = [&] {
      if (!begun) {
        begun = true;
        emit(SpeechEvent::Kind::Begin);
      }
    };
    auto finish_stopped = [&] {
      if (player) player->halt();
      begin();
      emit(pausing.exchange(false) ? SpeechEvent::Kind::Paused : SpeechEvent::Kind::Stopped);
    };
    if (cancelled(id)) return finish_stopped();

    std::vector<Step> steps;
    try {
      steps = build(job);
    } catch (const std::exception&) {
      steps.clear();  // an unusable lexicon or voice: the utterance ends silent, not the module
    }

    std::deque<std::pair<std::int64_t, std::string>> marks;  // player mode: position, name
    bool stream_running = false;
    bool output_gone = false;
    auto service_marks = [&] {
      if (!player) return;
      const std::int64_t heard = player->heard_samples();
      while (!marks.empty() && marks.front().first <= heard) {
        begin();
        emit(SpeechEvent::Kind::Mark, marks.front().second);
        marks.pop_front();
      }
    };
    // Hands samples to the output; false when cancelled or the output is gone.
    auto write = [&](std::span<const std::int16_t> samples) -> bool {
      if (samples.empty()) return true;
      if (first_audio_ns.load() == 0)
        first_audio_ns.store(std::max<std::int64_t>(1, now_ns() - job.submitted_ns));
      if (!player) {
        begin();
        if (!audio_out(samples, rate_hz)) {
          output_gone = true;
          return false;
        }
        return !cancelled(id);
      }
      while (!samples.empty()) {
        if (cancelled(id)) return false;
        const std::size_t n = player->push(samples);
        samples = samples.subspan(n);
        if (!stream_running) {
          begin();
          player->resume();
          stream_running = true;
        }
        if (!samples.empty()) {
          service_marks();
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
      }
      return !cancelled(id);
    };

    std::vector<std::int16_t> buffer;
    for (const Step& step : steps) {
      if (cancelled(id) || output_gone) break;
      switch (step.kind) {
        case Step::Kind::Mark:
          if (player) {
            marks.emplace_back(player->queued_samples(), step.text);
          } else {
            begin();
            emit(SpeechEvent::Kind::Mark, step.text);
          }
          break;
        case Step::Kind::Silence:
          buffer.assign(static_cast<std::size_t>(std::max<std::int64_t>(0, step.samples)), 0);
          write(buffer);
          break;
        case Step::Kind::Tone: {
          buffer.resize(static_cast<std::size_t>(step.samples));
          for (std::size_t i = 0; i < buffer.size(); ++i) {
            const double t = static_cast<double>(i) / rate_hz;
            const double fade = std::min(1.0, std::min(i, buffer.size() - i) / (0.005 * rate_hz));
            buffer[i] = static_cast<std::int16_t>(8000 * step.volume * fade *
                                                  std::sin(2 * 3.14159265358979 * 880 * t));
          }
          write(buffer);
          break;
        }
        case Step::Kind::Speak: {
          try {
            engine.set_voice(step.voice);
          } catch (const std::exception&) {
            engine.set_voice(engine.default_voice_for_language("en"));
          }
          const double wpm = std::clamp(step.wpm, Speed::kMinWpm, Speed::kMaxWpm);
          engine.set_rate(static_cast<int>(std::lround(wpm)));
          engine.set_pitch(step.pitch);
          const double gain = std::clamp(step.volume, 0.0, 1.0);
          try {
            engine.synthesize(step.text, [&](std::span<const std::int16_t> samples) {
              if (gain >= 0.999) return write(samples);
              buffer.assign(samples.begin(), samples.end());
              for (auto& v : buffer) v = static_cast<std::int16_t>(std::lround(v * gain));
              return write(buffer);
            });
          } catch (const std::exception&) {
            // The engine refused this text: go on with the rest of the utterance.
          }
          break;
        }
      }
    }
    if (player && !cancelled(id) && stream_running) {
      // Wait for the listener to hear the end (the stream completes once the device has
      // played the last sample); marks are sent as their audio is heard.
      player->drain();
      std::int64_t last_heard = -1;
      auto last_progress = Clock::now();
      while (!cancelled(id)) {
        service_marks();
        if (player->drained()) break;
        const std::int64_t heard = player->heard_samples();
        if (heard != last_heard) {
          last_heard = heard;
          last_progress = Clock::now();
        } else if (Clock::now() - last_progress > std::chrono::seconds(3)) {
          break;  // the device stopped taking audio: do not hang the screen reader
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    }
    if (cancelled(id)) return finish_stopped();
    if (player && stream_running) player->halt();
    begin();
    while (!marks.empty()) {
      emit(SpeechEvent::Kind::Mark, marks.front().second);
      marks.pop_front();
    }
    emit(SpeechEvent::Kind::End);
  }

  void loop() {
    while (true) {
      Job job;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return quit || !jobs.empty(); });
        if (jobs.empty()) return;
        job = std::move(jobs.front());
        jobs.pop_front();
      }
      run(job);
      {
        std::lock_guard lock(mutex);
        done_id = job.id;
      }
      idle.notify_all();
    }
  }
};

SpeechSession::SpeechSession(SpeechEventHandler on_event, SpeechAudioHandler audio)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.on_event = std::move(on_event);
  im.audio_out = std::move(audio);
  im.rate_hz = im.engine.sample_rate_hz();
  if (!im.audio_out) {
    im.player = std::make_unique<audio::Player>();
    im.player->prefer_low_latency();  // a screen reader's speech starts and stops at once
    audio::AudioFormat format;
    format.sample_rate_hz = im.rate_hz;
    format.channels = 1;
    im.player->open(format);  // halted until the first utterance's audio is queued
  }
  im.worker = std::thread([&im] { im.loop(); });
}

SpeechSession::~SpeechSession() {
  stop();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->quit = true;
  }
  impl_->wake.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

void SpeechSession::speak(SpeechRequest request, const SpeechSettings& settings) {
  Impl& im = *impl_;
  {
    std::lock_guard lock(im.mutex);
    // Anything before this one is stopped (answered with Stopped), as a screen reader expects.
    im.cancel_upto.store(im.next_id - 1);
    im.pausing.store(false);
    Job job;
    job.id = im.next_id++;
    job.request = std::move(request);
    job.settings = settings;
    job.submitted_ns = now_ns();
    im.first_audio_ns.store(0);
    im.jobs.push_back(std::move(job));
  }
  im.wake.notify_one();
}

void SpeechSession::stop() noexcept {
  Impl& im = *impl_;
  std::lock_guard lock(im.mutex);
  im.cancel_upto.store(im.next_id - 1);
}

void SpeechSession::pause() noexcept {
  Impl& im = *impl_;
  std::lock_guard lock(im.mutex);
  if (im.done_id + 1 < im.next_id) im.pausing.store(true);
  im.cancel_upto.store(im.next_id - 1);
}

bool SpeechSession::busy() const noexcept {
  std::lock_guard lock(impl_->mutex);
  return impl_->done_id + 1 < impl_->next_id;
}

bool SpeechSession::wait_idle(int timeout_ms) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->idle.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                              [&] { return impl_->done_id + 1 >= impl_->next_id; });
}

std::int64_t SpeechSession::last_first_audio_ns() const noexcept {
  return impl_->first_audio_ns.load();
}

}  // namespace narrate::pipeline
