// pipeline/playback.cpp - interactive playback: synthesis ahead of PortAudio, controls, events
#include "narrate/playback.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "audio/player.hpp"
#include "narrate/error.hpp"
#include "pipeline/playback_prepare.hpp"
#include "pipeline/playback_synth.hpp"
#include "pipeline/playback_timeline.hpp"
#include "synth/engine.hpp"
#include "util/strings.hpp"

namespace narrate {

namespace {

using Clock = std::chrono::steady_clock;
using pipeline::Spot;
using pipeline::TrackPtr;
using namespace std::chrono_literals;

/// How often the player thread looks at the stop flag and at what the listener hears while
/// playing; the ring holds half a second, so refilling is never in a hurry.
constexpr auto kTick = 5ms;
constexpr auto kPausedTick = 10ms;
/// A pause resumes from the start of the word it cut, unless that word began longer ago.
constexpr double kWordRewindLimitSeconds = 1.5;
/// Resuming a little before eSpeak's word mark keeps the word's onset.
constexpr double kWordLeadSeconds = 0.02;
/// How far the heard position may run ahead of the speaker (device timestamps are estimates):
/// a pause resumes from the word heard this long before it, so no word is lost.
constexpr double kHeardSlackSeconds = 0.1;
/// A speed change cuts the audio already queued for the next sentence this long after the last
/// loud sample of the current one: in its pause, where a cut is not heard.
constexpr double kCutMarginSeconds = 0.015;

const std::array<std::int16_t, 2048> kSilence{};
constexpr std::size_t kNoWord = static_cast<std::size_t>(-1);

}  // namespace

void PlayOptions::validate() const { speed.validate(); }

struct Playback::Impl {
  // Fixed once the player thread runs.
  std::vector<pipeline::Utterance> plan;
  std::vector<SentenceView> views;   ///< plan as the public API shows it
  std::vector<double> words_before;  ///< due words (due_words()) before each; n + 1 entries
  std::size_t paragraphs = 0;
  PlayOptions options;
  std::string voice;
  int rate_hz = pipeline::kPreparedRateHz;
  Clock::time_point began;

  mutable std::mutex mutex;
  mutable std::condition_variable wake;  ///< the player thread: a request or a track came
  mutable std::condition_variable done;  ///< waiters on the end
  std::deque<PlayRequest> requests;
  std::vector<PlayEvent> events;
  PlayStatus shown;
  PlayTrace traced;
  bool track_ready = false;
  bool ended = false;
  std::exception_ptr error;
  std::size_t last_sentence = 0;

  std::shared_ptr<audio::Player> player;
  std::unique_ptr<pipeline::SynthAhead> synth;

  // The player thread's own state.
  double wpm = Speed::kBaseWpm;
  std::size_t cursor = 0;  ///< the utterance being handed to the player
  TrackPtr cursor_track;
  std::int64_t cursor_offset = 0;
  pipeline::Timeline segments;  ///< what is queued or in the device, in timeline order
  bool paused = false;
  bool halted = true;  ///< the stream is stopped; audio pushed since waits for resume()
  bool pushed_since_halt = false;
  bool draining = false;
  std::optional<std::int64_t> cut_at;  ///< timeline position of a pending speed-change cut
  std::optional<std::size_t> heard;    ///< the utterance the listener is in
  std::size_t target = 0;              ///< where the last jump went (until it is heard)
  Spot spot;                           ///< where the listener is, when known
  std::size_t heard_word = kNoWord;    ///< the written word of `heard` last announced

  std::thread thread;

  std::int64_t since_began_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began).count();
  }

  void emit(PlayEvent event) {
    event.at_ms = since_began_ms();
    std::lock_guard lock(mutex);
    events.push_back(event);
  }

  std::size_t base() const noexcept { return heard ? *heard : target; }

  void run() noexcept;
  PlayEnd loop();
  std::optional<PlayEnd> handle(const PlayRequest& request);
  std::optional<PlayEnd> jump(std::size_t index);
  void pause();
  void change_speed(double requested_wpm);
  void cut();
  void follow();
  void fill();
  void publish();
  std::int64_t rewound(const Spot& at) const;
  void reposition(const Spot& at);
};

void Playback::Impl::run() noexcept {
  PlayEnd end = PlayEnd::Completed;
  std::exception_ptr failure;
  try {
    end = loop();
  } catch (...) {
    failure = std::current_exception();
    end = PlayEnd::Failed;
  }
  if (end != PlayEnd::Completed) player->stop();  // silence now; noexcept
  if (heard) {
    PlayEvent ended_event{PlayEventKind::SentenceEnded, *heard};
    ended_event.completed = end == PlayEnd::Completed;
    emit(ended_event);
  }
  PlayEvent finished{PlayEventKind::Finished, base()};
  finished.end = end;
  emit(finished);
  try {
    publish();
  } catch (...) {
    // The status is a courtesy; the end itself is recorded below.
  }
  {
    std::lock_guard lock(mutex);
    ended = true;
    error = failure;
    last_sentence = base();
    shown.end = end;
  }
  done.notify_all();
}

PlayEnd Playback::Impl::loop() {
  synth->want(cursor, wpm);
  for (;;) {
    std::deque<PlayRequest> todo;
    {
      std::lock_guard lock(mutex);
      todo.swap(requests);
      track_ready = false;
    }
    for (const PlayRequest& request : todo) {
      if (const auto end = handle(request)) return *end;
    }
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      return PlayEnd::Interrupted;
    }
    if (!paused) {
      player->check();
      follow();
      if (cut_at && player->heard_samples() >= *cut_at) cut();
      fill();
      if (halted && pushed_since_halt) {
        player->resume();
        halted = false;
      }
      if (cursor >= plan.size() && !cursor_track && !halted) {
        if (!draining) {
          player->drain();
          draining = true;
        }
        if (player->drained()) {
          follow();
          return PlayEnd::Completed;
        }
      }
    }
    publish();
    std::unique_lock lock(mutex);
    wake.wait_for(lock, paused ? kPausedTick : kTick,
                  [&] { return !requests.empty() || track_ready; });
  }
}

std::optional<PlayEnd> Playback::Impl::handle(const PlayRequest& request) {
  const std::size_t at = base();
  switch (request.command) {
    case PlayCommand::TogglePause:
      if (!paused) {
        pause();
        return std::nullopt;
      }
      [[fallthrough]];
    case PlayCommand::Resume:
      if (paused) {
        paused = false;
        emit({PlayEventKind::Resumed, base()});
      }
      return std::nullopt;
    case PlayCommand::Pause:
      if (!paused) pause();
      return std::nullopt;
    case PlayCommand::Next:
      return jump(at + 1);
    case PlayCommand::Previous:
      return jump(at > 0 ? at - 1 : 0);
    case PlayCommand::Repeat:
      return jump(at);
    case PlayCommand::Seek:
      return jump(std::min(request.sentence, plan.size() - 1));
    case PlayCommand::NextParagraph: {
      std::size_t i = at;
      while (i < plan.size() && plan[i].paragraph == plan[at].paragraph) ++i;
      return jump(i);
    }
    case PlayCommand::PreviousParagraph: {
      const std::size_t wanted = plan[at].paragraph > 0 ? plan[at].paragraph - 1 : 0;
      std::size_t i = at;
      while (i > 0 && plan[i - 1].paragraph >= wanted) --i;
      return jump(i);
    }
    case PlayCommand::Faster:
      change_speed((std::floor(wpm / Speed::kBaseWpm / kSpeedStep + 1e-6) + 1) * kSpeedStep *
                   Speed::kBaseWpm);
      return std::nullopt;
    case PlayCommand::Slower:
      change_speed((std::ceil(wpm / Speed::kBaseWpm / kSpeedStep - 1e-6) - 1) * kSpeedStep *
                   Speed::kBaseWpm);
      return std::nullopt;
    case PlayCommand::SetSpeed:
      change_speed(request.wpm);
      return std::nullopt;
    case PlayCommand::Stop:
      return PlayEnd::Stopped;
  }
  return std::nullopt;
}

std::optional<PlayEnd> Playback::Impl::jump(std::size_t index) {
  player->halt();
  halted = true;
  pushed_since_halt = false;
  draining = false;
  cut_at.reset();
  if (heard) emit({PlayEventKind::SentenceEnded, *heard});
  heard.reset();
  if (index >= plan.size()) {
    target = plan.size() - 1;
    return PlayEnd::Completed;  // past the last sentence: the end
  }
  spot = {};
  segments.clear();
  cursor = index;
  target = index;
  cursor_track = nullptr;
  cursor_offset = 0;
  synth->want(cursor, wpm);
  return std::nullopt;
}

void Playback::Impl::pause() {
  const std::int64_t position = player->halt();
  halted = true;
  pushed_since_halt = false;
  draining = false;
  paused = true;
  const Spot at = segments.spot_at(position);
  if (at.track) {
    // A cut at the speed change is moot now: resuming re-queues from here at the new speed.
    cut_at.reset();
    reposition({at.track, rewound(at)});
  }
  emit({PlayEventKind::Paused, base()});
}

void Playback::Impl::change_speed(double requested_wpm) {
  const double next = std::clamp(requested_wpm, Speed::kMinWpm, Speed::kMaxWpm);
  PlayEvent event{PlayEventKind::SpeedChanged, base()};
  event.clamped = next != requested_wpm;
  if (next != wpm) {
    wpm = next;
    // The sentence being heard keeps its speed. When audio of later ones is queued already
    // (the ring runs up to half a second ahead), it is cut in the pause after this sentence.
    const auto cut = halted ? std::nullopt
                            : segments.cut_after(base(), std::int64_t(kCutMarginSeconds * rate_hz));
    if (cut) {
      cut_at = cut;
    } else if (cursor_track && cursor_track->index > base() && cursor_offset == 0) {
      cursor_track = nullptr;  // fetched ahead at the old speed, not queued yet
    }
    synth->want(cursor_track ? cursor + 1 : cursor, wpm);
  }
  event.wpm = wpm;
  emit(event);
}

void Playback::Impl::cut() {
  const std::int64_t position = player->halt();
  halted = true;
  pushed_since_halt = false;
  cut_at.reset();
  const Spot at = segments.spot_at(position);
  if (at.track) reposition(at);
  synth->want(cursor + 1, wpm);
}

// Forgets what is queued and continues from `at` (the stream is halted).
void Playback::Impl::reposition(const Spot& at) {
  segments.clear();
  cursor = at.track->index;
  cursor_track = at.track;
  cursor_offset = at.offset;
  target = cursor;
}

// The start of the word `at` falls in, when that is not long ago.
std::int64_t Playback::Impl::rewound(const Spot& at) const {
  const auto& audio = at.track->audio;
  const std::int64_t safe =
      std::max<std::int64_t>(0, at.offset - std::int64_t(kHeardSlackSeconds * rate_hz));
  if (safe >= static_cast<std::int64_t>(audio.samples.size())) return at.offset;
  const synth::WordMark* word = nullptr;
  for (const synth::WordMark& mark : audio.words) {
    if (mark.sample > safe) break;
    word = &mark;
  }
  if (word == nullptr) return safe;
  if (at.offset - word->sample > kWordRewindLimitSeconds * rate_hz) return safe;
  return std::max<std::int64_t>(0, word->sample - std::int64_t(kWordLeadSeconds * rate_hz));
}

// Follows what the listener hears: which utterance, where in it; sentence events.
void Playback::Impl::follow() {
  if (halted || segments.empty()) return;
  const std::int64_t position = player->heard_samples();
  segments.drop_before(position);
  const auto& segment = segments.front();
  if (position <= segment.begin && !heard) return;  // the first of it is still on its way
  spot = {segment.track,
          segment.offset + std::clamp<std::int64_t>(position - segment.begin, 0, segment.length)};
  const std::size_t index = segment.track->index;
  if (heard != index) {
    if (heard) {
      PlayEvent ended_event{PlayEventKind::SentenceEnded, *heard};
      ended_event.completed = true;
      emit(ended_event);
    }
    heard = index;
    target = index;
    heard_word = kNoWord;
    emit({PlayEventKind::SentenceStarted, index});
  }
  // Word events from the source map: the written word whose time the listener has reached.
  const auto& times = segment.track->audio.word_times;
  std::size_t word = kNoWord;
  for (std::size_t w = 0; w < times.size() && times[w].begin_sample <= spot.offset; ++w) word = w;
  if (word != kNoWord && word != heard_word) {
    // Words passed over between two looks are announced too, so a listener's highlight (or a
    // program following along) sees every word in order.
    const std::size_t from = heard_word == kNoWord ? 0 : heard_word > word ? word : heard_word + 1;
    for (std::size_t w = from; w <= word; ++w) {
      PlayEvent event{PlayEventKind::WordStarted, index};
      event.word = w;
      emit(event);
    }
    heard_word = word;
  }
}

// Hands the player as much audio as fits, from the cursor on.
void Playback::Impl::fill() {
  if (cut_at) return;  // nothing more until the cut, which replaces what follows it
  while (cursor < plan.size()) {
    if (!cursor_track) {
      cursor_track = synth->get(cursor, wpm);
      if (!cursor_track) {
        synth->want(cursor, wpm);
        return;
      }
      std::lock_guard lock(mutex);
      if (traced.first_track_ns == 0) traced.first_track_ns = util::steady_now_ns();
    }
    const auto& samples = cursor_track->audio.samples;
    const std::int64_t length = cursor_track->length();
    const auto speech = static_cast<std::int64_t>(samples.size());
    while (cursor_offset < length) {
      const auto space = static_cast<std::int64_t>(player->free_space());
      if (space == 0) return;
      std::span<const std::int16_t> chunk;
      if (cursor_offset < speech) {
        chunk = std::span(samples).subspan(
            static_cast<std::size_t>(cursor_offset),
            static_cast<std::size_t>(std::min(space, speech - cursor_offset)));
      } else {
        chunk = std::span(kSilence).first(static_cast<std::size_t>(
            std::min({space, length - cursor_offset, static_cast<std::int64_t>(kSilence.size())})));
      }
      const std::int64_t begin = player->queued_samples();
      const auto taken = static_cast<std::int64_t>(player->push(chunk));
      if (taken == 0) return;
      segments.add(begin, cursor_track, cursor_offset, taken);
      cursor_offset += taken;
      pushed_since_halt = true;
    }
    ++cursor;
    cursor_track = nullptr;
    cursor_offset = 0;
    synth->want(cursor, wpm);
  }
}

void Playback::Impl::publish() {
  PlayStatus next;
  next.sentences = plan.size();
  next.paragraphs = paragraphs;
  next.sentence = std::min(base(), plan.size() - 1);
  next.paragraph = plan[next.sentence].paragraph;
  Spot at = spot;
  if (!at.track || at.track->index != next.sentence) {
    at = cursor_track && cursor_track->index == next.sentence ? Spot{cursor_track, cursor_offset}
                                                              : Spot{};
  }
  if (at.track) {
    next.position_samples = at.offset;
    next.length_samples = at.track->length();
    const auto& audio = at.track->audio;
    if (at.offset < static_cast<std::int64_t>(audio.samples.size())) {
      const auto& spans = plan[next.sentence].word_spans;
      for (std::size_t w = 0; w < audio.word_times.size() && w < spans.size(); ++w) {
        if (audio.word_times[w].begin_sample > at.offset) break;
        next.has_word = true;
        next.word = w;
        next.word_begin = spans[w].begin;
        next.word_end = spans[w].end;
      }
    }
  }
  next.paused = paused;
  next.waiting = !paused && !cursor_track && cursor < plan.size() && (halted || segments.empty());
  next.wpm = wpm;
  const double fraction = next.length_samples > 0
                              ? std::min(1.0, double(next.position_samples) / next.length_samples)
                              : 0.0;
  const double words_in =
      words_before[next.sentence] +
      fraction * (words_before[next.sentence + 1] - words_before[next.sentence]);
  next.elapsed_seconds = words_in * 60.0 / wpm;
  next.total_seconds = words_before.back() * 60.0 / wpm;
  next.underruns = player->underruns();
  next.sample_rate_hz = rate_hz;
  const std::int64_t first_audio = player->first_audio_ns();
  std::lock_guard lock(mutex);
  next.end = shown.end;
  shown = next;
  if (traced.first_audio_ns == 0) traced.first_audio_ns = first_audio;
}

Playback::Playback(const Document& document, const PlayOptions& options)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.traced.constructed_ns = util::steady_now_ns();
  options.validate();
  im.options = options;
  im.wpm = options.speed.wpm;
  pipeline::PreparedPlayback prepared = pipeline::take_prepared_playback();
  im.traced.prepared_ns = prepared.started_ns;

  im.plan = pipeline::plan_utterances(document, options.lexicon_paths);
  if (im.plan.empty()) throw Error(ErrorCode::NoArticle, "no speakable text in the article");
  if (options.start_at >= im.plan.size() && options.clamp_start) {
    im.options.start_at = im.plan.size() - 1;
  } else if (options.start_at >= im.plan.size()) {
    throw Error(ErrorCode::Usage, "cannot start at sentence " +
                                      std::to_string(options.start_at + 1) + ": the article has " +
                                      std::to_string(im.plan.size()));
  }
  im.words_before.push_back(0);
  for (const double due : pipeline::due_words(im.plan)) {
    im.words_before.push_back(im.words_before.back() + due);
  }
  im.paragraphs = im.plan.back().paragraph + 1;
  im.views = pipeline::sentence_views(im.plan);
  im.cursor = im.target = im.options.start_at;

  // The first sentence is synthesized as soon as the engine is up, while PortAudio may still be
  // scanning devices. A missing device is reported before an engine failure, as speak() does.
  std::exception_ptr engine_failure;
  try {
    prepared.engine.get();
    synth::Engine& engine = synth::Engine::instance();
    im.voice = options.voice.empty() ? engine.default_voice_for_language(document.language)
                                     : options.voice;
    im.synth =
        std::make_unique<pipeline::SynthAhead>(engine, im.voice, im.plan, im.cursor, im.wpm, [&im] {
          {
            std::lock_guard lock(im.mutex);
            im.track_ready = true;
          }
          im.wake.notify_all();
        });
    im.traced.engine_ready_ns = util::steady_now_ns();
  } catch (...) {
    engine_failure = std::current_exception();
  }
  im.player = prepared.player.get();
  im.traced.device_ready_ns = util::steady_now_ns();
  if (engine_failure) std::rethrow_exception(engine_failure);
  im.rate_hz = im.synth->sample_rate_hz();
  if (im.rate_hz != pipeline::kPreparedRateHz) {
    // Not eSpeak NG 1.51's rate: open a stream at the engine's.
    im.player.reset();
    im.player = std::make_shared<audio::Player>();
    im.player->open(audio::AudioFormat{im.rate_hz, 1});
  }
  im.began = Clock::now();
  im.publish();
  im.thread = std::thread([&im] { im.run(); });
}

Playback::~Playback() {
  Impl& im = *impl_;
  if (im.thread.joinable()) {
    send({PlayCommand::Stop});
    im.thread.join();
  }
  im.synth.reset();  // joins the worker before the state it notifies goes away
}

void Playback::send(const PlayRequest& request) {
  Impl& im = *impl_;
  {
    std::lock_guard lock(im.mutex);
    if (im.ended) return;
    im.requests.push_back(request);
  }
  im.wake.notify_all();
}

PlayStatus Playback::status() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->shown;
}

std::vector<PlayEvent> Playback::take_events() {
  std::lock_guard lock(impl_->mutex);
  std::vector<PlayEvent> out;
  out.swap(impl_->events);
  return out;
}

bool Playback::wait(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->done.wait_for(lock, timeout, [&] { return impl_->ended; });
}

PlayResult Playback::finish() {
  Impl& im = *impl_;
  if (im.thread.joinable()) im.thread.join();
  std::lock_guard lock(im.mutex);
  if (im.error) std::rethrow_exception(im.error);
  if (im.shown.end == PlayEnd::Interrupted) throw Error(ErrorCode::Interrupted, "interrupted");
  PlayResult result;
  result.end = im.shown.end;
  result.sentence = im.last_sentence;
  result.sentences = im.plan.size();
  result.underruns = im.player->underruns();
  result.voice = im.voice;
  return result;
}

const std::vector<SentenceView>& Playback::sentences() const noexcept { return impl_->views; }

const std::string& Playback::voice() const noexcept { return impl_->voice; }

PlayTrace Playback::trace() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->traced;
}

void prepare_playback() noexcept { pipeline::prepare_playback(); }

void release_prepared_playback() noexcept { pipeline::release_prepared_playback(); }

}  // namespace narrate
