#include "model/config/model_config.h"

#include <charconv>
#include <cmath>
#include <functional>
#include <sstream>

namespace avt::model {

namespace {

// One configurable field: how to read it as text and how to parse + range-check it.
struct Field {
    std::string key;
    std::function<std::string(const ModelConfig &)> get;
    // Returns an empty string on success, else the reason (without the key).
    std::function<std::string(ModelConfig &, const std::string &)> set;
};

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool parseInt(const std::string &text, int64_t &out)
{
    const std::string t = trim(text);
    const auto r = std::from_chars(t.data(), t.data() + t.size(), out);
    return r.ec == std::errc() && r.ptr == t.data() + t.size() && !t.empty();
}

bool parseDouble(const std::string &text, double &out)
{
    const std::string t = trim(text);
    if (t.empty())
        return false;
    std::istringstream in(t);
    in >> out;
    return !in.fail() && in.eof() && std::isfinite(out);
}

std::string joinInts(const std::vector<int64_t> &v)
{
    std::string s;
    for (size_t i = 0; i < v.size(); ++i)
        s += (i ? "," : "") + std::to_string(v[i]);
    return s;
}

std::string fmtDouble(double v)
{
    std::ostringstream out;
    out.precision(10);
    out << v;
    return out.str();
}

using IntRef = std::function<int64_t &(ModelConfig &)>;

Field intField(std::string key, IntRef ref, int64_t lo, int64_t hi)
{
    return {key, [ref](const ModelConfig &c) { return std::to_string(ref(const_cast<ModelConfig &>(c))); },
            [ref, lo, hi](ModelConfig &c, const std::string &v) -> std::string {
                int64_t x = 0;
                if (!parseInt(v, x) || x < lo || x > hi)
                    return "'" + v + "' is not an integer in the allowed range " + std::to_string(lo) + ".."
                           + std::to_string(hi);
                ref(c) = x;
                return {};
            }};
}

Field doubleField(std::string key, std::function<double &(ModelConfig &)> ref, double lo, double hi)
{
    return {key, [ref](const ModelConfig &c) { return fmtDouble(ref(const_cast<ModelConfig &>(c))); },
            [ref, lo, hi](ModelConfig &c, const std::string &v) -> std::string {
                double x = 0;
                if (!parseDouble(v, x) || x < lo || x > hi)
                    return "'" + v + "' is not a number in the allowed range " + fmtDouble(lo) + ".." + fmtDouble(hi);
                ref(c) = x;
                return {};
            }};
}

Field boolField(std::string key, std::function<bool &(ModelConfig &)> ref)
{
    return {key,
            [ref](const ModelConfig &c) { return std::string(ref(const_cast<ModelConfig &>(c)) ? "true" : "false"); },
            [ref](ModelConfig &c, const std::string &v) -> std::string {
                const std::string t = trim(v);
                if (t == "true" || t == "1" || t == "on")
                    ref(c) = true;
                else if (t == "false" || t == "0" || t == "off")
                    ref(c) = false;
                else
                    return "'" + v + "' is not a boolean (allowed: true, false, 1, 0, on, off)";
                return {};
            }};
}

Field enumField(std::string key, std::function<std::string &(ModelConfig &)> ref, std::vector<std::string> allowed)
{
    return {key, [ref](const ModelConfig &c) { return ref(const_cast<ModelConfig &>(c)); },
            [ref, allowed](ModelConfig &c, const std::string &v) -> std::string {
                const std::string t = trim(v);
                for (const auto &a : allowed)
                    if (a == t) {
                        ref(c) = t;
                        return {};
                    }
                std::string list;
                for (size_t i = 0; i < allowed.size(); ++i)
                    list += (i ? ", " : "") + allowed[i];
                return "'" + v + "' is not one of the allowed values: " + list;
            }};
}

Field listField(std::string key, std::function<std::vector<int64_t> &(ModelConfig &)> ref, int64_t lo, int64_t hi)
{
    return {key, [ref](const ModelConfig &c) { return joinInts(ref(const_cast<ModelConfig &>(c))); },
            [ref, lo, hi](ModelConfig &c, const std::string &v) -> std::string {
                std::vector<int64_t> out;
                std::stringstream in(v);
                std::string item;
                while (std::getline(in, item, ',')) {
                    int64_t x = 0;
                    if (!parseInt(item, x) || x < lo || x > hi)
                        return "'" + v + "' must be 4 comma-separated integers, each in " + std::to_string(lo) + ".."
                               + std::to_string(hi);
                    out.push_back(x);
                }
                if (out.size() != 4)
                    return "'" + v + "' must have exactly 4 comma-separated integers (one per stage)";
                ref(c) = out;
                return {};
            }};
}

const std::vector<Field> &fields()
{
    static const std::vector<Field> f = {
        {"name", [](const ModelConfig &c) { return c.name; },
         [](ModelConfig &c, const std::string &v) -> std::string {
             if (trim(v).empty())
                 return "must not be empty";
             c.name = trim(v);
             return {};
         }},
        boolField("audio.enabled", [](ModelConfig &c) -> bool & { return c.audio.enabled; }),
        intField(
            "audio.mel_bins", [](ModelConfig &c) -> int64_t & { return c.audio.melBins; }, 8, 1024),
        intField(
            "audio.frames", [](ModelConfig &c) -> int64_t & { return c.audio.frames; }, 16, 65536),
        intField(
            "audio.patch", [](ModelConfig &c) -> int64_t & { return c.audio.patch; }, 2, 64),
        intField(
            "audio.fstride", [](ModelConfig &c) -> int64_t & { return c.audio.fstride; }, 1, 64),
        intField(
            "audio.tstride", [](ModelConfig &c) -> int64_t & { return c.audio.tstride; }, 1, 64),
        intField(
            "audio.width", [](ModelConfig &c) -> int64_t & { return c.audio.width; }, 8, 4096),
        intField(
            "audio.depth", [](ModelConfig &c) -> int64_t & { return c.audio.depth; }, 1, 64),
        intField(
            "audio.heads", [](ModelConfig &c) -> int64_t & { return c.audio.heads; }, 1, 64),
        doubleField(
            "audio.mlp_ratio", [](ModelConfig &c) -> double & { return c.audio.mlpRatio; }, 0.25, 16),
        boolField("video.enabled", [](ModelConfig &c) -> bool & { return c.video.enabled; }),
        enumField("video.encoder", [](ModelConfig &c) -> std::string & { return c.video.encoder; },
                  {"uniformer", "vit"}),
        intField(
            "video.frames", [](ModelConfig &c) -> int64_t & { return c.video.frames; }, 1, 256),
        intField(
            "video.size", [](ModelConfig &c) -> int64_t & { return c.video.size; }, 32, 1024),
        listField(
            "video.widths", [](ModelConfig &c) -> std::vector<int64_t> & { return c.video.widths; }, 4, 4096),
        listField(
            "video.depths", [](ModelConfig &c) -> std::vector<int64_t> & { return c.video.depths; }, 0, 64),
        intField(
            "video.head_dim", [](ModelConfig &c) -> int64_t & { return c.video.headDim; }, 4, 512),
        intField(
            "video.width", [](ModelConfig &c) -> int64_t & { return c.video.width; }, 8, 4096),
        intField(
            "video.depth", [](ModelConfig &c) -> int64_t & { return c.video.depth; }, 1, 64),
        intField(
            "video.heads", [](ModelConfig &c) -> int64_t & { return c.video.heads; }, 1, 64),
        intField(
            "video.patch", [](ModelConfig &c) -> int64_t & { return c.video.patch; }, 2, 64),
        intField(
            "video.tubelet", [](ModelConfig &c) -> int64_t & { return c.video.tubelet; }, 1, 16),
        doubleField(
            "video.mlp_ratio", [](ModelConfig &c) -> double & { return c.video.mlpRatio; }, 0.25, 16),
        enumField("fusion.mode", [](ModelConfig &c) -> std::string & { return c.fusion.mode; },
                  {"avt", "mbt", "concat", "late", "audio", "video"}),
        intField(
            "fusion.blocks", [](ModelConfig &c) -> int64_t & { return c.fusion.blocks; }, 0, 64),
        intField(
            "fusion.tokens", [](ModelConfig &c) -> int64_t & { return c.fusion.tokens; }, 1, 256),
        intField(
            "fusion.width", [](ModelConfig &c) -> int64_t & { return c.fusion.width; }, 8, 4096),
        intField(
            "fusion.heads", [](ModelConfig &c) -> int64_t & { return c.fusion.heads; }, 1, 64),
        doubleField(
            "fusion.mlp_ratio", [](ModelConfig &c) -> double & { return c.fusion.mlpRatio; }, 0.25, 16),
        intField(
            "fusion.layer", [](ModelConfig &c) -> int64_t & { return c.fusion.layer; }, 0, 64),
        intField(
            "head.classes", [](ModelConfig &c) -> int64_t & { return c.head.classes; }, 1, 100000),
        intField(
            "head.noun_classes", [](ModelConfig &c) -> int64_t & { return c.head.nounClasses; }, 0, 100000),
        intField(
            "head.projection", [](ModelConfig &c) -> int64_t & { return c.head.projection; }, 1, 4096),
        boolField("head.avm", [](ModelConfig &c) -> bool & { return c.head.avm; }),
        boolField("head.decoders", [](ModelConfig &c) -> bool & { return c.head.decoders; }),
    };
    return f;
}

const Field *findField(const std::string &key)
{
    for (const Field &f : fields())
        if (f.key == key)
            return &f;
    return nullptr;
}

} // namespace

std::vector<int64_t> VideoConfig::embedGrid() const
{
    if (encoder == "vit")
        return {frames / tubelet, size / patch, size / patch};
    // Stem Conv3d k=(3,4,4) s=(2,4,4) p=(1,0,0).
    return {(frames + 2 - 3) / 2 + 1, (size - 4) / 4 + 1, (size - 4) / 4 + 1};
}

int64_t VideoConfig::numEmbedTokens() const
{
    const auto g = embedGrid();
    return g[0] * g[1] * g[2];
}

std::vector<int64_t> VideoConfig::finalGrid() const
{
    auto g = embedGrid();
    if (encoder == "vit")
        return g;
    g[1] = g[2] = stageSide(4);
    return g;
}

int64_t VideoConfig::stageSide(int stage) const
{
    int64_t side = (size - 4) / 4 + 1; // stem: k = s = 4
    for (int s = 1; s < stage; ++s)    // patch_embed2..4: k = s = (1,2,2)
        side = (side - 2) / 2 + 1;
    return side;
}

std::optional<ModelConfig> ModelConfig::preset(const std::string &name)
{
    ModelConfig c;
    c.name = name;
    if (name == "avt-base") {
        return c; // the defaults are the paper's model
    }
    if (name == "avt-small") {
        c.video.depths = {3, 4, 8, 3};
        c.audio.width = 384;
        c.audio.heads = 6;
        c.fusion.width = 384;
        c.fusion.heads = 6;
        return c;
    }
    if (name == "avt-tiny") {
        c.audio.melBins = 64;
        c.audio.frames = 300;
        c.audio.fstride = 16;
        c.audio.tstride = 16;
        c.audio.width = 64;
        c.audio.depth = 2;
        c.audio.heads = 4;
        c.video.frames = 8;
        c.video.size = 112;
        c.video.widths = {16, 32, 48, 64};
        c.video.depths = {1, 1, 1, 1};
        c.video.headDim = 16;
        c.fusion.blocks = 2;
        c.fusion.width = 64;
        c.fusion.heads = 4;
        c.head.classes = 10;
        c.head.projection = 32;
        return c;
    }
    if (name == "mbt-base") {
        c.video.encoder = "vit";
        c.fusion.mode = "mbt";
        c.fusion.layer = 8;
        return c;
    }
    return std::nullopt;
}

std::vector<std::string> ModelConfig::presetNames() { return {"avt-base", "avt-small", "avt-tiny", "mbt-base"}; }

bool ModelConfig::set(const std::string &key, const std::string &value, std::string *error)
{
    const Field *f = findField(key);
    if (!f) {
        if (error)
            *error = "unknown model config key '" + key + "'";
        return false;
    }
    const std::string why = f->set(*this, value);
    if (!why.empty()) {
        if (error)
            *error = key + ": " + why;
        return false;
    }
    return true;
}

std::optional<std::string> ModelConfig::get(const std::string &key) const
{
    const Field *f = findField(key);
    if (!f)
        return std::nullopt;
    return f->get(*this);
}

std::vector<std::string> ModelConfig::keys()
{
    std::vector<std::string> k;
    for (const Field &f : fields())
        k.push_back(f.key);
    return k;
}

std::string ModelConfig::validate() const
{
    if (!audio.enabled && !video.enabled)
        return "audio.enabled, video.enabled: at least one modality must be enabled";
    if ((fusion.mode == "audio" && !audio.enabled) || (fusion.mode == "video" && !video.enabled))
        return "fusion.mode: '" + fusion.mode + "' needs that modality enabled";
    const bool both = fusion.mode != "audio" && fusion.mode != "video";
    if (both && (!audio.enabled || !video.enabled))
        return "fusion.mode: '" + fusion.mode + "' needs both modalities; use 'audio' or 'video'";
    if (audio.enabled) {
        if (audio.width % audio.heads)
            return "audio.heads: must divide audio.width (" + std::to_string(audio.width) + ")";
        if (audio.patch > audio.melBins || audio.patch > audio.frames)
            return "audio.patch: must not exceed audio.mel_bins and audio.frames";
    }
    if (video.enabled) {
        if (video.encoder == "uniformer") {
            for (size_t s = 2; s < 4; ++s)
                if (video.widths[s] % video.headDim)
                    return "video.head_dim: must divide video.widths[" + std::to_string(s) + "]";
            if (video.size < 32)
                return "video.size: UniFormer needs at least 32 pixels";
        } else {
            if (video.width % video.heads)
                return "video.heads: must divide video.width (" + std::to_string(video.width) + ")";
            if (video.size % video.patch || video.frames % video.tubelet)
                return "video.patch, video.tubelet: must divide video.size and video.frames";
        }
    }
    if (fusion.mode == "avt" || fusion.mode == "concat") {
        if (fusion.width % fusion.heads)
            return "fusion.heads: must divide fusion.width (" + std::to_string(fusion.width) + ")";
    }
    if (fusion.mode == "mbt") {
        if (video.encoder != "vit")
            return "fusion.mode: 'mbt' fuses inside the encoder layers and needs video.encoder=vit";
        if (video.width != audio.width || video.depth != audio.depth)
            return "fusion.mode: 'mbt' needs equal audio/video width and depth";
        if (fusion.layer > audio.depth)
            return "fusion.layer: must be in 0.." + std::to_string(audio.depth);
    }
    return {};
}

std::map<std::string, std::string> ModelConfig::toMap() const
{
    std::map<std::string, std::string> m;
    for (const Field &f : fields())
        m[f.key] = f.get(*this);
    return m;
}

std::string ModelConfig::toString() const
{
    std::string s;
    for (const Field &f : fields())
        s += f.key + "=" + f.get(*this) + "\n";
    return s;
}

bool ModelConfig::fromMap(const std::map<std::string, std::string> &map, ModelConfig &out, std::string *error)
{
    ModelConfig c = out;
    for (const auto &[k, v] : map)
        if (!c.set(k, v, error))
            return false;
    out = c;
    return true;
}

bool ModelConfig::fromString(const std::string &text, ModelConfig &out, std::string *error)
{
    std::map<std::string, std::string> m;
    std::stringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#')
            continue;
        const auto eq = t.find('=');
        if (eq == std::string::npos) {
            if (error)
                *error = "model config line " + std::to_string(lineNo) + ": expected key=value, got '" + t + "'";
            return false;
        }
        m[trim(t.substr(0, eq))] = trim(t.substr(eq + 1));
    }
    return fromMap(m, out, error);
}

} // namespace avt::model
