#include "core/audio/fbank_normalize.h"

#include <algorithm>

namespace avt::audio {

const std::vector<FbankStats> &fbankStatsPresets()
{
    static const std::vector<FbankStats> presets = {
        {QStringLiteral("audioset"), -4.2677393, 4.5689974, 1024},
        {QStringLiteral("esc50"), -6.6268077, 5.358466, 512},
        {QStringLiteral("speechcommands"), -6.845978, 5.5654526, 128},
    };
    return presets;
}

std::optional<FbankStats> findFbankStats(const QString &name)
{
    QString key = name.toLower();
    key.remove(QLatin1Char('-'));
    key.remove(QLatin1Char('_'));
    for (const FbankStats &s : fbankStatsPresets())
        if (s.name == key)
            return s;
    return std::nullopt;
}

FbankMatrix padOrCut(const FbankMatrix &x, int64_t targetFrames)
{
    FbankMatrix out;
    out.frames = std::max<int64_t>(0, targetFrames);
    out.bins = x.bins;
    out.values.assign(static_cast<size_t>(out.frames) * out.bins, 0.0f);
    const int64_t keep = std::min(out.frames, x.frames);
    std::copy(x.values.begin(), x.values.begin() + keep * x.bins, out.values.begin());
    return out;
}

void normalizeFbank(FbankMatrix &x, double mean, double std)
{
    const float m = static_cast<float>(mean);
    const float denom = static_cast<float>(std * 2.0);
    for (float &v : x.values)
        v = (v - m) / denom;
}

} // namespace avt::audio
