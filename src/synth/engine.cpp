// synth/engine.cpp - the eSpeak NG engine wrapper: the ONLY owner of eSpeak state
#include "synth/engine.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include "narrate/error.hpp"
#include "synth/rate.hpp"
#include "synth/voice_library.hpp"

namespace narrate::synth {
namespace fs = std::filesystem;

namespace {

// What list_voices() and name resolution know about one eSpeak language voice.
struct EspeakVoice {
  std::string name;         // identifier's last part, lower-cased: what SetVoiceByName accepts
  std::string language;     // its first language
  std::string description;  // eSpeak's display name, e.g. "English (America)"
};

// The narrator used when nobody asks for a voice, if the voices/ folder has it.
constexpr std::string_view kDefaultNarrator = "anna";
// eSpeak copies variant names into a 40-byte static buffer and aborts on overflow.
constexpr std::size_t kMaxVoiceNameLength = 40;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string status_message(espeak_ng_STATUS status) {
  char buffer[512] = {};
  espeak_ng_GetStatusCodeMessage(status, buffer, sizeof buffer);
  return buffer;
}

// State of one synthesize() call, reached from the C callback through user_data.
struct RawWord {
  int position;  // 0-based code point
  int length;    // code points; 0 when eSpeak lost it
  std::int64_t sample;
};

struct SynthCall {
  const AudioCallback* on_audio = nullptr;
  SynthResult* result = nullptr;
  std::vector<RawWord> raw_words;
  std::exception_ptr error;
  bool stop = false;
};

void record_events(SynthCall& call, const espeak_EVENT* events) {
  for (const espeak_EVENT* event = events; event->type != espeakEVENT_LIST_TERMINATED; ++event) {
    // Position 0 marks a phantom word (seen after the first synthesis); positions are 1-based.
    if (event->type == espeakEVENT_WORD && event->text_position > 0)
      call.raw_words.push_back(
          {event->text_position - 1, std::max(0, event->length), event->sample});
  }
}

// Closing punctuation a word found by its start alone must not swallow: ASCII and the UTF-8 of
// ’ ” » › … (the quote marks that make eSpeak lose a word's length in the first place).
std::size_t trim_closing_punctuation(std::string_view text, std::size_t begin, std::size_t end) {
  static constexpr std::string_view kAscii = "!\"'(),.:;?[]{}";
  static constexpr std::array<std::string_view, 5> kUtf8 = {
      "\xE2\x80\x99", "\xE2\x80\x9D", "\xC2\xBB", "\xE2\x80\xBA", "\xE2\x80\xA6"};
  bool trimmed = true;
  while (trimmed && end > begin + 1) {
    trimmed = false;
    if (kAscii.find(text[end - 1]) != std::string_view::npos) {
      --end;
      trimmed = true;
      continue;
    }
    for (const std::string_view mark : kUtf8) {
      if (end - begin > mark.size() && text.substr(end - mark.size(), mark.size()) == mark) {
        end -= mark.size();
        trimmed = true;
        break;
      }
    }
  }
  return end;
}

// eSpeak's WORD events as byte ranges of the utterance. eSpeak 1.51 reports length 0 for a word
// that follows a non-ASCII opening quote (“Naïve”, «Bonjour»); such a word runs to the next
// space or the next word, less closing punctuation, instead of being lost.
std::vector<WordMark> word_marks(const std::vector<RawWord>& raw, std::string_view text,
                                 const std::vector<std::size_t>& byte_of_code_point) {
  const std::size_t code_points = byte_of_code_point.size() - 1;
  std::vector<WordMark> marks;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto begin_cp = static_cast<std::size_t>(raw[i].position);
    if (begin_cp >= code_points) continue;
    WordMark mark;
    mark.sample = raw[i].sample;
    mark.text_begin = byte_of_code_point[begin_cp];
    if (raw[i].length > 0) {
      mark.text_end = byte_of_code_point[std::min(code_points, begin_cp + raw[i].length)];
    } else {
      std::size_t limit = text.size();
      for (std::size_t j = i + 1; j < raw.size(); ++j) {
        const auto next = static_cast<std::size_t>(raw[j].position);
        if (next > begin_cp && next < code_points) {
          limit = byte_of_code_point[next];
          break;
        }
      }
      std::size_t end = mark.text_begin;
      while (end < limit && std::string_view(" \t\r\n").find(text[end]) == std::string_view::npos)
        ++end;
      mark.text_end = trim_closing_punctuation(text, mark.text_begin, end);
    }
    // Repeats and overlaps (a zero-length echo of a word already marked) are not new words.
    if (mark.text_end <= mark.text_begin) continue;
    if (!marks.empty() && mark.text_begin < marks.back().text_end) continue;
    marks.push_back(mark);
  }
  return marks;
}

// eSpeak's one process-wide synth callback. Runs on the thread that called synthesize();
// returning 1 makes eSpeak stop at once (no further callbacks).
int synth_callback(short* wav, int sample_count, espeak_EVENT* events) {
  if (events == nullptr || events->user_data == nullptr) return 0;  // warm-up or stray call
  auto& call = *static_cast<SynthCall*>(events->user_data);
  if (call.stop) return 1;
  try {
    record_events(call, events);
    if (wav != nullptr && sample_count > 0) {
      const std::span<const std::int16_t> block(reinterpret_cast<const std::int16_t*>(wav),
                                                static_cast<std::size_t>(sample_count));
      call.result->samples += sample_count;
      if (!(*call.on_audio)(block)) {
        call.result->cancelled = true;
        call.stop = true;
        return 1;
      }
    }
  } catch (...) {
    call.error = std::current_exception();
    call.stop = true;
    return 1;
  }
  return 0;
}

int discard_callback(short*, int, espeak_EVENT*) { return 0; }

// Byte offset of every code point of UTF-8 text, plus one past the end. A stray continuation
// byte counts with the code point before it, a stray lead byte as one code point, which keeps
// the table monotonic for any input.
std::vector<std::size_t> code_point_offsets(std::string_view text) {
  std::vector<std::size_t> offsets;
  offsets.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 || i == 0) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

}  // namespace

struct Engine::Impl {
  std::mutex mutex;
  std::optional<CachedDataDir> cache;
  std::vector<ProjectVoice> project_voices;
  std::vector<EspeakVoice> espeak_voices;
  std::map<std::string, std::string> voice_for_language;  // "en-gb" -> "en", "zh" -> "cmn"
  std::set<std::string, std::less<>> variant_files;       // every file in voices/!v
  // Voice name -> its file under lang/, where eSpeak can open that file by the lower-cased
  // name SetVoiceByName makes of it ("en-us" -> "gmw/en-us" in the cache's lang/ tree).
  std::map<std::string, std::string> file_for_voice;
  std::string farm_problem;  // why project voices are missing, if they are
  int sample_rate_hz = 22050;
  int rate = 175;
  int pitch = 50;
  std::string wanted_voice;   // resolved name for the next utterance
  std::string applied_voice;  // what eSpeak has loaded; empty when unknown

  Impl();
  VoiceTable list_espeak_voices() const;
  void index_voices(const VoiceTable& table);
  std::string resolve(const std::string& name) const;
  std::string default_for(std::string_view language) const;
  void apply_voice();
  const ProjectVoice* project_voice(std::string_view name) const {
    for (const auto& voice : project_voices)
      if (voice.name == name) return &voice;
    return nullptr;
  }
};

Engine::Impl::Impl() {
  // Ask eSpeak where its own data is (honouring ESPEAK_DATA_PATH), then point it at a cached
  // private copy (links) that adds our voices to that data.
  espeak_ng_InitializePath(nullptr);
  const char* system_path = nullptr;
  espeak_Info(&system_path);
  const fs::path system_data = system_path != nullptr ? system_path : "";
  std::error_code ec;
  if (system_data.empty() || !fs::is_directory(system_data, ec))
    throw Error(ErrorCode::Voice, "speech engine: eSpeak NG data not found (looked in '" +
                                      system_data.string() + "')");
  const fs::path voices_dir = find_project_voices_dir();
  project_voices = load_project_voices(voices_dir);
  if (project_voices.empty())
    farm_problem = "no narrate voices found in '" + voices_dir.string() + "'";
  fs::path data_dir = system_data;
  try {
    cache.emplace(system_data, project_voices);
    data_dir = cache->data_dir();
  } catch (const Error& error) {
    // eSpeak's own voices still work; ours are reported missing with the reason.
    farm_problem = error.what();
    project_voices.clear();
  }
  espeak_ng_InitializePath(data_dir.c_str());

  espeak_ng_ERROR_CONTEXT context = nullptr;
  espeak_ng_STATUS status = espeak_ng_Initialize(&context);
  if (context != nullptr) espeak_ng_ClearErrorContext(&context);
  if (status != ENS_OK)
    throw Error(ErrorCode::Voice,
                "speech engine: cannot initialise eSpeak NG: " + status_message(status));
  // Synchronous mode still opens a pcaudio handle (and tries PulseAudio), but it never plays
  // through it and works without a sound server. 60 ms blocks: about 1300 samples.
  status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 60, nullptr);
  if (status != ENS_OK)
    throw Error(ErrorCode::Voice,
                "speech engine: cannot set up eSpeak NG output: " + status_message(status));
  sample_rate_hz = espeak_ng_GetSampleRate();
  // Listing eSpeak's voices reads every voice file (and narrate then checks each dictionary):
  // most of the start-up time. The cache keeps the result for the data it was made from.
  std::optional<VoiceTable> table;
  if (cache) table = VoiceTable::parse(cache->read_file("voices.tsv"));
  if (!table) {
    table = list_espeak_voices();
    if (cache) cache->write_file("voices.tsv", table->format());
  }
  index_voices(*table);

  // One throwaway utterance: the first synthesis after initialisation differs from later ones
  // (shorter first pause, a SAMPLERATE event), so real utterances all behave alike. It costs
  // about a millisecond once the voice file is found directly (the cache's voices/ links).
  wanted_voice = default_for("en");
  apply_voice();
  espeak_SetSynthCallback(discard_callback);
  const char warm_up[] = "a.";
  espeak_ng_Synthesize(warm_up, sizeof warm_up, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                       nullptr);
  espeak_SetSynthCallback(synth_callback);
}

// True when the voice's dictionary is smaller than its "dict_min": eSpeak then speaks badly and
// prints "Full dictionary is not installed" to stderr (Debian ships a 2 KB be_dict).
bool dictionary_incomplete(const fs::path& data_dir, const std::string& identifier) {
  std::ifstream in(data_dir / "lang" / identifier);
  std::string line;
  std::string dictionary;
  long minimum = 0;
  while (std::getline(in, line)) {
    std::istringstream words(line.substr(0, line.find("//")));
    std::string keyword;
    std::string value;
    if (!(words >> keyword >> value)) continue;
    if (keyword == "dictionary") dictionary = value;
    if (keyword == "language" && dictionary.empty()) dictionary = value.substr(0, value.find('-'));
    if (keyword == "dict_min") minimum = std::strtol(value.c_str(), nullptr, 10);
  }
  if (minimum <= 0 || dictionary.empty()) return false;
  std::error_code ec;
  const auto size = fs::file_size(data_dir / (dictionary + "_dict"), ec);
  return ec || size < static_cast<std::uintmax_t>(minimum);
}

VoiceTable Engine::Impl::list_espeak_voices() const {
  const char* data_path = nullptr;
  espeak_Info(&data_path);
  const fs::path data_dir = data_path != nullptr ? data_path : "";
  VoiceTable table;
  const espeak_VOICE** list = espeak_ListVoices(nullptr);
  for (std::size_t i = 0; list != nullptr && list[i] != nullptr; ++i) {
    const espeak_VOICE& voice = *list[i];
    if (voice.identifier == nullptr || voice.languages == nullptr) continue;
    const std::string identifier = voice.identifier;
    // mbrola voices need an external program and data this system lacks, and voices with a
    // stub dictionary are unusable; eSpeak prints to stderr for both, so narrate never offers
    // them.
    if (identifier.rfind("mb/", 0) == 0) continue;
    if (dictionary_incomplete(data_dir, identifier)) continue;
    VoiceTable::Voice entry;
    entry.name = lower(identifier.substr(identifier.rfind('/') + 1));
    entry.identifier = identifier;
    entry.description = voice.name != nullptr ? voice.name : entry.name;
    // languages: repeated {priority byte, NUL-terminated name}, ended by a zero priority.
    for (const char* p = voice.languages; *p != 0;) {
      const int priority = static_cast<unsigned char>(*p++);
      const std::string language = lower(p);
      p += language.size() + 1;
      entry.languages.emplace_back(priority, language);
    }
    table.voices.push_back(std::move(entry));
  }
  // The variants eSpeak can combine with a language ("en+f3", "de+anna").
  std::error_code ec;
  for (fs::directory_iterator it(data_dir / "voices" / "!v", ec), end; !ec && it != end;
       it.increment(ec))
    table.variants.push_back(it->path().filename().string());
  std::sort(table.variants.begin(), table.variants.end());
  return table;
}

void Engine::Impl::index_voices(const VoiceTable& table) {
  std::map<std::string, int> best_priority;
  for (const VoiceTable::Voice& voice : table.voices) {
    if (!voice.identifier.empty() && lower(voice.identifier) == voice.identifier)
      file_for_voice.emplace(voice.name, voice.identifier);
    EspeakVoice entry{voice.name, "", voice.description};
    for (const auto& [priority, language] : voice.languages) {
      if (entry.language.empty()) entry.language = language;
      auto found = best_priority.find(language);
      if (found == best_priority.end() || priority < found->second) {
        best_priority[language] = priority;
        voice_for_language[language] = entry.name;
      }
    }
    espeak_voices.push_back(std::move(entry));
  }
  for (const auto& voice : espeak_voices) voice_for_language.emplace(voice.name, voice.name);
  variant_files.insert(table.variants.begin(), table.variants.end());
}

std::string Engine::Impl::resolve(const std::string& name) const {
  const auto unknown = [&] {
    std::string message = "unknown voice '" + name + "' (see --list-voices)";
    return Error(ErrorCode::Voice, message);
  };
  if (name.empty() || name.size() > kMaxVoiceNameLength) throw unknown();
  for (const char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+';
    if (!ok) throw unknown();  // no paths: '/', '!', '.' would reach files outside voices
  }
  const auto plus = name.find('+');
  std::string base = lower(name.substr(0, plus));
  std::string variant = plus == std::string::npos ? "" : name.substr(plus + 1);
  if (variant.find('+') != std::string::npos || (plus != std::string::npos && variant.empty()))
    throw unknown();
  std::replace(base.begin(), base.end(), '_', '-');
  if (variant.empty()) {
    if (const ProjectVoice* ours = project_voice(base)) {
      base = ours->base;
      variant = ours->name;
    }
  }
  const auto language = voice_for_language.find(base);
  if (language == voice_for_language.end()) {
    if (variant.empty() && project_voices.empty() && base == kDefaultNarrator &&
        !farm_problem.empty())
      throw Error(ErrorCode::Voice, "unknown voice '" + name + "': " + farm_problem);
    throw unknown();
  }
  base = language->second;
  if (variant.empty()) return base;
  // eSpeak ignores an unknown variant silently and matches variant names case-sensitively
  // ("en+annie" speaks plain en), so narrate looks the file up itself.
  if (variant_files.count(variant) == 0) {
    const auto same =
        std::find_if(variant_files.begin(), variant_files.end(),
                     [&](const std::string& f) { return lower(f) == lower(variant); });
    if (same == variant_files.end()) throw unknown();
    variant = *same;
  }
  return base + "+" + variant;
}

std::string Engine::Impl::default_for(std::string_view language) const {
  std::string tag = lower(language);
  std::replace(tag.begin(), tag.end(), '_', '-');
  const std::string primary = tag.substr(0, tag.find('-'));
  std::string base;
  if (primary != "en" && !tag.empty()) {
    if (auto found = voice_for_language.find(tag); found != voice_for_language.end())
      base = found->second;
    else if (auto found_primary = voice_for_language.find(primary);
             found_primary != voice_for_language.end())
      base = found_primary->second;
  }
  if (base.empty()) {
    // English: eSpeak's "en" is British; Commonwealth spellings get it, everyone else (and a
    // bare "en", mostly American web prose) gets en-us.
    static const std::set<std::string, std::less<>> kBritish = {"gb", "uk", "ie", "au", "nz",
                                                                "za", "in", "sg", "hk"};
    const auto dash = tag.find('-');
    const std::string region = dash == std::string::npos ? "" : tag.substr(dash + 1, 2);
    base = primary == "en" && kBritish.count(region) ? "en" : "en-us";
  }
  // Our narrators only change pitch, formants and breath, so they suit every language.
  if (project_voice(kDefaultNarrator) != nullptr) return base + "+" + std::string(kDefaultNarrator);
  if (!project_voices.empty()) return base + "+" + project_voices.front().name;
  return base;
}

void Engine::Impl::apply_voice() {
  if (wanted_voice == applied_voice) return;
  // Only here, right before speaking: SetVoiceByName leaks a voice copy that only the next
  // synthesis frees.
  applied_voice.clear();
  // By file ("gmw/en-us+anna") where possible: by name, eSpeak reads every voice file the
  // first time to find the one meant.
  std::string by_file = wanted_voice;
  const auto plus = wanted_voice.find('+');
  const auto file = file_for_voice.find(wanted_voice.substr(0, plus));
  if (file != file_for_voice.end())
    by_file = file->second + (plus == std::string::npos ? "" : wanted_voice.substr(plus));
  const espeak_ng_STATUS status = espeak_ng_SetVoiceByName(by_file.c_str());
  if (status != ENS_OK)
    throw Error(ErrorCode::Voice,
                "cannot load voice '" + wanted_voice + "': " + status_message(status));
  applied_voice = wanted_voice;
}

Engine& Engine::instance() {
  // Built once, never destroyed: eSpeak cannot be terminated and initialised again (it
  // deadlocks), and threads may still use it while static destructors run. A failed
  // initialisation is final too, since retrying it is just as unsafe.
  static std::once_flag once;
  static Engine* engine = nullptr;
  static std::exception_ptr failure;
  std::call_once(once, [] {
    try {
      engine = new Engine();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);
  return *engine;
}

Engine::Engine() : impl_(new Impl()) {}

Engine::~Engine() { delete impl_; }

int Engine::sample_rate_hz() const noexcept { return impl_->sample_rate_hz; }

void Engine::set_voice(const std::string& name) {
  std::lock_guard lock(impl_->mutex);
  impl_->wanted_voice = impl_->resolve(name);
}

std::string Engine::resolve_voice(const std::string& name) {
  std::lock_guard lock(impl_->mutex);
  return impl_->resolve(name);
}

std::string Engine::current_voice() {
  std::lock_guard lock(impl_->mutex);
  return impl_->wanted_voice;
}

void Engine::set_rate(int espeak_rate_wpm) {
  std::lock_guard lock(impl_->mutex);
  impl_->rate = std::clamp(espeak_rate_wpm, kMinEspeakRate, kMaxEspeakRate);
}

void Engine::set_pitch(int pitch) {
  std::lock_guard lock(impl_->mutex);
  impl_->pitch = std::clamp(pitch, 0, 100);
}

SynthResult Engine::synthesize(std::string_view text, const AudioCallback& on_audio) {
  SynthResult result;
  const std::string utterance(text.substr(0, text.find('\0')));  // eSpeak reads to the NUL
  if (utterance.find_first_not_of(" \t\r\n") == std::string::npos) return result;
  const std::vector<std::size_t> offsets = code_point_offsets(utterance);

  std::lock_guard lock(impl_->mutex);
  impl_->apply_voice();
  espeak_ng_STATUS status = espeak_ng_SetParameter(espeakRATE, impl_->rate, 0);
  if (status != ENS_OK)
    throw Error(ErrorCode::Voice, "speech engine: cannot set the rate: " + status_message(status));
  status = espeak_ng_SetParameter(espeakPITCH, impl_->pitch, 0);
  if (status != ENS_OK)
    throw Error(ErrorCode::Voice, "speech engine: cannot set the pitch: " + status_message(status));
  SynthCall call;
  call.on_audio = &on_audio;
  call.result = &result;
  status = espeak_ng_Synthesize(utterance.c_str(), utterance.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, &call);
  if (call.error) std::rethrow_exception(call.error);
  if (status != ENS_OK && !(status == ENS_SPEECH_STOPPED && call.stop))
    throw Error(ErrorCode::Voice, "speech engine: synthesis failed: " + status_message(status));
  result.words = word_marks(call.raw_words, utterance, offsets);
  return result;
}

std::vector<VoiceInfo> Engine::list_voices() {
  std::lock_guard lock(impl_->mutex);
  std::vector<VoiceInfo> voices;
  for (const auto& ours : impl_->project_voices)
    voices.push_back({ours.name, "", ours.description, true});
  for (const auto& theirs : impl_->espeak_voices)
    voices.push_back({theirs.name, theirs.language, theirs.description, false});
  return voices;
}

std::string Engine::default_voice_for_language(std::string_view language) {
  std::lock_guard lock(impl_->mutex);
  return impl_->default_for(language);
}

}  // namespace narrate::synth
