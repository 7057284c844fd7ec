#pragma once
// ModelConfig: every architectural choice of an AVT model in one plain struct, with the
// named presets, validation, dotted-key access and a flat key=value text form.
//
//   auto cfg = avt::model::ModelConfig::preset("avt-tiny");      // or std::nullopt-like error
//   std::string err;
//   if (!cfg.set("fusion.blocks", "2", &err)) { /* err: "fusion.blocks: ... allowed 0..64" */ }
//   std::string text = cfg.toString();                          // "audio.depth=2\n..."
//   ModelConfig back; ModelConfig::fromString(text, back, &err);
//
// Units: audio lengths in spectrogram frames (10 ms hop) and mel bins; video sizes in frames
// and pixels. No Qt and no LibTorch here so that core can store configs as text.
// Thread-safety: a value type; no shared state.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace avt::model {

// AST audio encoder (DeiT-style ViT over a log-mel spectrogram laid out [F, T]).
struct AudioConfig {
    bool enabled = true;   // false for video-only models
    int64_t melBins = 128; // spectrogram height F
    int64_t frames = 1024; // spectrogram width T (10 ms frames)
    int64_t patch = 16;    // square patch size
    int64_t fstride = 10;  // patch stride along frequency
    int64_t tstride = 10;  // patch stride along time
    int64_t width = 768;   // token width
    int64_t depth = 12;    // transformer blocks
    int64_t heads = 12;    // attention heads (width % heads == 0)
    double mlpRatio = 4.0; // MLP hidden = width * mlpRatio

    int64_t freqPatches() const { return (melBins - patch) / fstride + 1; }
    int64_t timePatches() const { return (frames - patch) / tstride + 1; }
    int64_t numPatches() const { return freqPatches() * timePatches(); }
};

// Video encoder: UniFormer (4 stages, CBlock/CBlock/SABlock/SABlock) or a ViT over
// tubelets (the MBT baseline's frame encoder).
struct VideoConfig {
    bool enabled = true;               // false for audio-only models
    std::string encoder = "uniformer"; // "uniformer" | "vit"
    int64_t frames = 16;               // input frames T
    int64_t size = 224;                // input height = width
    // UniFormer
    std::vector<int64_t> widths{64, 128, 320, 512}; // stage widths
    std::vector<int64_t> depths{5, 8, 20, 7};       // blocks per stage
    int64_t headDim = 64;                           // attention head width in stages 3-4
    // ViT (encoder == "vit")
    int64_t width = 768; // token width
    int64_t depth = 12;  // blocks
    int64_t heads = 12;  // attention heads
    int64_t patch = 16;  // spatial patch size
    int64_t tubelet = 2; // frames per tubelet
    double mlpRatio = 4.0;

    // Width of the encoder's output tokens.
    int64_t outWidth() const { return encoder == "vit" ? width : widths.back(); }
    // Token grid right after patch embedding (where token masks apply): [t, h, w].
    std::vector<int64_t> embedGrid() const;
    int64_t numEmbedTokens() const;
    // Grid of the final token map [t, h, w].
    std::vector<int64_t> finalGrid() const;
    // UniFormer: cells a side of stage 1..4's map (the stem's grid, then halved by each patch
    // embedding, an odd last row dropped) and the pixel stride of its cells (4, 8, 16, 32).
    int64_t stageSide(int stage) const;
    static int64_t stagePixelStride(int stage) { return int64_t(4) << (stage - 1); }
};

// How the two modalities meet (paper eq. 3-4 and the ablation baselines).
struct FusionConfig {
    // "avt": K bottleneck blocks after the encoders, video side then audio side.
    // "mbt": bottlenecks inside the encoder layers from `layer` on (ViT video only).
    // "concat": K joint-attention blocks over all tokens.
    // "late": average of the audio-only and video-only predictions.
    // "audio" / "video": one modality only.
    std::string mode = "avt";
    int64_t blocks = 4;  // K (avt, concat)
    int64_t tokens = 4;  // L bottleneck tokens (avt, mbt)
    int64_t width = 768; // fusion token width D (avt, concat); encoders project to it
    int64_t heads = 12;  // attention heads in fusion blocks
    double mlpRatio = 4.0;
    int64_t layer = 8; // mbt: first fused encoder layer
};

struct HeadConfig {
    int64_t classes = 400;    // classes of the (first) classification head
    int64_t nounClasses = 0;  // > 0: a second head (EPIC-KITCHENS verb + noun)
    int64_t projection = 256; // width of g_A, g_V (AVC)
    bool avm = true;          // build the 2-way AVM head
    bool decoders = true;     // build the masked-reconstruction decoders
};

struct ModelConfig {
    std::string name = "custom";
    AudioConfig audio;
    VideoConfig video;
    FusionConfig fusion;
    HeadConfig head;

    // Presets: avt-base, avt-small, avt-tiny, mbt-base. Unknown name: nullopt.
    static std::optional<ModelConfig> preset(const std::string &name);
    static std::vector<std::string> presetNames();

    // Sets one field by dotted key ("audio.depth", "video.depths" as "3,4,8,3",
    // "fusion.mode"). Returns false with a message naming the key and the allowed range.
    bool set(const std::string &key, const std::string &value, std::string *error = nullptr);
    // Value of one field as text; nullopt for an unknown key.
    std::optional<std::string> get(const std::string &key) const;
    // All keys, in a stable order.
    static std::vector<std::string> keys();

    // Whole-config checks (divisibility, mode vs encoder). Empty string when valid.
    std::string validate() const;

    std::map<std::string, std::string> toMap() const;
    // "key=value" lines, keys in keys() order.
    std::string toString() const;
    // Starts from `base` (default: a default ModelConfig) and applies each pair / line.
    static bool fromMap(const std::map<std::string, std::string> &map, ModelConfig &out, std::string *error = nullptr);
    static bool fromString(const std::string &text, ModelConfig &out, std::string *error = nullptr);

    bool hasAudio() const { return audio.enabled && fusion.mode != "video"; }
    bool hasVideo() const { return video.enabled && fusion.mode != "audio"; }
};

} // namespace avt::model
