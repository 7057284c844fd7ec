// itemsFromClips() and LoaderOptions::validate().
#include "core/loader/loader_types.h"
#include "core/data/clip.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <map>
#include <set>

namespace avt::loader {

namespace {

// Label index of a head: the annotation's classIndex, else the position of the label name in
// the sorted names of that head over all clips.
int labelIndex(const data::Clip &clip, const QStringList &heads,
               const std::map<QString, std::map<QString, int>> &byName)
{
    for (const QString &head : heads) {
        for (const data::ClipLabel &l : clip.labels) {
            if (l.head != head)
                continue;
            if (l.classIndex >= 0)
                return l.classIndex;
            const auto names = byName.find(head);
            if (names != byName.end()) {
                const auto it = names->second.find(l.label);
                if (it != names->second.end())
                    return it->second;
            }
        }
    }
    return -1;
}

Status invalid(const QString &message)
{
    return makeError(QStringLiteral("invalid"), QStringLiteral("loader options: ") + message);
}

} // namespace

LoaderItem itemFromClip(const data::Clip &c, const QString &mediaRoot)
{
    LoaderItem it;
    it.clipId = c.id;
    it.path = QFileInfo(c.path).isAbsolute() ? c.path : QDir(mediaRoot).filePath(c.path);
    if (c.startS >= 0 && c.endS > c.startS) {
        it.start = c.startS;
        it.length = c.endS - c.startS;
    } else if (c.startS > 0) {
        it.start = c.startS;
    }
    it.duration = c.facts.durationS;
    return it;
}

Result<std::vector<LoaderItem>> itemsFromClips(const QList<data::Clip> &clips, const QString &mediaRoot,
                                               const QString &split)
{
    std::map<QString, std::set<QString>> names; // head -> label names without classIndex
    for (const data::Clip &c : clips)
        for (const data::ClipLabel &l : c.labels)
            if (l.classIndex < 0 && !l.label.isEmpty())
                names[l.head].insert(l.label);
    std::map<QString, std::map<QString, int>> byName;
    for (const auto &[head, set] : names) {
        int i = 0;
        for (const QString &n : set)
            byName[head][n] = i++;
    }

    const QStringList mainHeads{QStringLiteral("class"), QStringLiteral("verb")};
    const QStringList nounHeads{QStringLiteral("noun")};
    std::vector<LoaderItem> items;
    for (const data::Clip &c : clips) {
        if ((!split.isEmpty() && c.split != split) || !c.usable())
            continue;
        LoaderItem it = itemFromClip(c, mediaRoot);
        it.label = labelIndex(c, mainHeads, byName);
        it.nounLabel = labelIndex(c, nounHeads, byName);
        if (it.label < 0)
            return makeError(QStringLiteral("invalid"),
                             QStringLiteral("clip '%1' (%2) has no class or verb label").arg(c.key, c.path));
        items.push_back(it);
    }
    return items;
}

Status LoaderOptions::validate() const
{
    if (batchSize < 1 || batchSize > 65536)
        return invalid(QStringLiteral("batchSize must be in 1..65536, got %1").arg(batchSize));
    if (numWorkers < 0 || numWorkers > 256)
        return invalid(QStringLiteral("numWorkers must be in 0..256, got %1").arg(numWorkers));
    if (decodeThreads < 0 || decodeThreads > 64)
        return invalid(QStringLiteral("decodeThreads must be in 0..64, got %1").arg(decodeThreads));
    if (prefetchBatches < 1 || prefetchBatches > 64)
        return invalid(QStringLiteral("prefetchBatches must be in 1..64, got %1").arg(prefetchBatches));
    if (worldSize < 1 || rank < 0 || rank >= worldSize)
        return invalid(QStringLiteral("rank %1 / worldSize %2: need 0 <= rank < worldSize").arg(rank).arg(worldSize));
    if (!(clipSeconds >= 0.0 && clipSeconds < 1e6))
        return invalid(QStringLiteral("clipSeconds must be >= 0, got %1").arg(clipSeconds));
    if (temporalViews < 1 || temporalViews > 64)
        return invalid(QStringLiteral("temporalViews must be in 1..64, got %1").arg(temporalViews));
    if (spatialViews < 1 || spatialViews > 16)
        return invalid(QStringLiteral("spatialViews must be in 1..16, got %1").arg(spatialViews));
    const AugmentOptions &a = augment;
    if (!(a.scaleMax >= 1.0 && a.scaleMax <= 4.0))
        return invalid(QStringLiteral("augment.scaleMax must be in 1..4, got %1").arg(a.scaleMax));
    if (!(a.flipProbability >= 0.0 && a.flipProbability <= 1.0))
        return invalid(QStringLiteral("augment.flipProbability must be in 0..1, got %1").arg(a.flipProbability));
    if (a.freqMask < 0 || a.freqMask > 128)
        return invalid(QStringLiteral("augment.freqMask must be in 0..128, got %1").arg(a.freqMask));
    if (a.timeMask < 0 || a.timeMask > 1024)
        return invalid(QStringLiteral("augment.timeMask must be in 0..1024, got %1").arg(a.timeMask));
    if (!(a.mixupAlpha >= 0.0 && a.mixupAlpha <= 100.0))
        return invalid(QStringLiteral("augment.mixupAlpha must be in 0..100, got %1").arg(a.mixupAlpha));
    const MaskingOptions &m = masking;
    if (!(m.audioProbability >= 0.0 && m.audioProbability <= 1.0))
        return invalid(QStringLiteral("masking.audioProbability must be in 0..1, got %1").arg(m.audioProbability));
    if (!(m.videoProbability >= 0.0 && m.videoProbability <= 1.0))
        return invalid(QStringLiteral("masking.videoProbability must be in 0..1, got %1").arg(m.videoProbability));
    if (m.audio == AudioMasking::Segment) {
        if (auto ok = m.detector.validate(); !ok)
            return invalid(QStringLiteral("masking.detector: ") + ok.error().message);
    }
    if (!(audioStd > 0.0) || !std::isfinite(audioMean))
        return invalid(
            QStringLiteral("audioStd must be > 0 and audioMean finite, got %1 / %2").arg(audioMean).arg(audioStd));
    if (cacheMiB < 0 || cacheMiB > 1024 * 1024)
        return invalid(QStringLiteral("cacheMiB must be in 0..1048576, got %1").arg(cacheMiB));
    if (!(decodeTimeoutSeconds > 0.0))
        return invalid(QStringLiteral("decodeTimeoutSeconds must be > 0, got %1").arg(decodeTimeoutSeconds));
    return Ok{};
}

} // namespace avt::loader
