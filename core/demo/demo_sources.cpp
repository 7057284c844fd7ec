#include "core/demo/demo_sources.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace avt::demo {

namespace {

const char *const kAudioNames[] = {"kick", "snare", "hihat", "tom", "cymbal", "handperc"};
const char *const kPictureNames[] = {"birds", "bugs", "fruit", "mammals", "music", "plants"};
// Picture folders under share/openclipart/png, one per picture type.
const char *const kPictureDirs[] = {"animals/birds",   "animals/bugs",     "food/fruit",
                                    "animals/mammals", "recreation/music", "plants"};
// Sample folders under share/.
const char *const kSampleDirs[] = {"hydrogen/data/drumkits", "sonic-pi/samples", "lmms/samples"};

bool hasAll(const QString &share)
{
    if (!QFileInfo::exists(share + QStringLiteral("/openclipart/png")))
        return false;
    for (const char *d : kSampleDirs)
        if (!QFileInfo::exists(share + QLatin1Char('/') + QString::fromLatin1(d)))
            return false;
    return true;
}

Status unpackPackages(const QString &cacheDir)
{
    QDir().mkpath(cacheDir + QStringLiteral("/debs"));
    QProcess download;
    download.setWorkingDirectory(cacheDir + QStringLiteral("/debs"));
    download.setProcessChannelMode(QProcess::MergedChannels);
    download.start(QStringLiteral("apt-get"), QStringList{QStringLiteral("download")} + sourcePackages());
    if (!download.waitForStarted(10000))
        return makeError(QStringLiteral("missing"), QStringLiteral("cannot run apt-get to download the demo sources"));
    download.waitForFinished(30 * 60 * 1000);
    if (download.exitStatus() != QProcess::NormalExit || download.exitCode() != 0)
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("apt-get download %1 failed: %2 (run 'apt-get update' first, or install "
                                        "the packages)")
                             .arg(sourcePackages().join(QLatin1Char(' ')),
                                  QString::fromLocal8Bit(download.readAll()).trimmed().right(300)));
    const QStringList debs = QDir(cacheDir + QStringLiteral("/debs")).entryList({QStringLiteral("*.deb")}, QDir::Files);
    for (const QString &deb : debs) {
        QProcess x;
        x.start(QStringLiteral("dpkg"),
                {QStringLiteral("-x"), cacheDir + QStringLiteral("/debs/") + deb, cacheDir + QStringLiteral("/root")});
        x.waitForFinished(10 * 60 * 1000);
        if (x.exitStatus() != QProcess::NormalExit || x.exitCode() != 0)
            return makeError(
                QStringLiteral("io"),
                QStringLiteral("dpkg -x %1 failed: %2").arg(deb, QString::fromLocal8Bit(x.readAllStandardError())));
    }
    for (const QString &deb : debs)
        QFile::remove(cacheDir + QStringLiteral("/debs/") + deb);
    return Ok{};
}

QStringList listFiles(const QString &dir, const QStringList &patterns)
{
    QStringList out;
    QDirIterator it(dir, patterns, QDir::Files, QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (it.hasNext())
        out.append(it.next());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

QString audioTypeName(int type) { return QString::fromLatin1(kAudioNames[type]); }
QString pictureTypeName(int type) { return QString::fromLatin1(kPictureNames[type]); }

QStringList sourcePackages()
{
    return {QStringLiteral("hydrogen-drumkits"), QStringLiteral("hydrogen-data"), QStringLiteral("lmms-common"),
            QStringLiteral("sonic-pi-samples"), QStringLiteral("openclipart-png")};
}

int classifySample(const QString &fileName)
{
    // Words of the base name: split at non-letters, and at letter/digit boundaries.
    const QString base = QFileInfo(fileName).completeBaseName().toLower();
    const QStringList words = base.split(QRegularExpression(QStringLiteral("[^a-z]+")), Qt::SkipEmptyParts);
    auto any = [&](std::initializer_list<const char *> keys, bool prefix) {
        for (const QString &w : words)
            for (const char *k : keys)
                if (prefix ? w.startsWith(QLatin1String(k)) : w == QLatin1String(k))
                    return true;
        return false;
    };
    // Order matters: "hihat" before anything else, hand percussion before "tom".
    if (any({"hihat", "hat", "hh", "hats", "openhat", "closedhat"}, false) || base.contains(QLatin1String("hihat"))
        || base.contains(QLatin1String("hi-hat")))
        return HiHat;
    if (any({"kick", "bd", "bassdrum", "kik", "kickdrum"}, false) || base.contains(QLatin1String("kick")))
        return Kick;
    if (any({"snare", "sd", "snr", "rimshot"}, false) || base.contains(QLatin1String("snare")))
        return Snare;
    if (any({"cymbal", "crash", "ride", "splash", "china"}, false) || base.contains(QLatin1String("cymbal")))
        return Cymbal;
    if (any({"bongo", "conga", "clap", "shaker", "tamb", "tambourine", "cowbell", "clave", "claves", "guiro", "maracas",
             "timbale", "perc", "woodblock", "agogo", "cabasa"},
            false)
        || base.contains(QLatin1String("bongo")) || base.contains(QLatin1String("conga"))
        || base.contains(QLatin1String("clap")) || base.contains(QLatin1String("cowbell"))
        || base.contains(QLatin1String("tambourine")))
        return HandPercussion;
    if (any({"tom"}, true))
        return Tom;
    return -1;
}

QString defaultCacheDir()
{
    const QString env = qEnvironmentVariable("AVT_DEMO_CACHE");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
           + QStringLiteral("/avt-workbench/demo-sources");
}

Result<SourcePools> findSources(const QString &sourcesDir, const QString &cacheDir, bool allowDownload)
{
    QString share;
    if (!sourcesDir.isEmpty()) {
        for (const QString &cand :
             {sourcesDir, sourcesDir + QStringLiteral("/usr/share"), sourcesDir + QStringLiteral("/root/usr/share")})
            if (hasAll(cand))
                share = cand;
        if (share.isEmpty())
            return makeError(QStringLiteral("missing"),
                             QStringLiteral("%1 does not hold the demo sources (expected usr/share/openclipart/png and "
                                            "the hydrogen, sonic-pi and lmms sample folders)")
                                 .arg(sourcesDir));
    } else if (hasAll(QStringLiteral("/usr/share"))) {
        share = QStringLiteral("/usr/share");
    } else {
        const QString cached = cacheDir + QStringLiteral("/root/usr/share");
        if (!hasAll(cached)) {
            if (!allowDownload)
                return makeError(
                    QStringLiteral("missing"),
                    QStringLiteral("demo sources not found in /usr/share or %1; install %2 or allow the download")
                        .arg(cacheDir, sourcePackages().join(QLatin1Char(' '))));
            if (auto st = unpackPackages(cacheDir); !st)
                return st.error();
            if (!hasAll(cached))
                return makeError(QStringLiteral("missing"),
                                 QStringLiteral("the unpacked packages in %1 lack expected folders").arg(cacheDir));
        }
        share = cached;
    }

    SourcePools pools;
    pools.root = share;
    const QStringList audioPatterns{QStringLiteral("*.wav"), QStringLiteral("*.WAV"), QStringLiteral("*.flac"),
                                    QStringLiteral("*.FLAC"), QStringLiteral("*.ogg")};
    for (const char *d : kSampleDirs)
        for (const QString &f : listFiles(share + QLatin1Char('/') + QString::fromLatin1(d), audioPatterns))
            if (const int t = classifySample(f); t >= 0)
                pools.audio[size_t(t)].append(f);
    for (int v = 0; v < PictureTypeCount; ++v)
        pools.pictures[size_t(v)] =
            listFiles(share + QStringLiteral("/openclipart/png/") + QString::fromLatin1(kPictureDirs[v]),
                      {QStringLiteral("*.png")});
    for (int a = 0; a < AudioTypeCount; ++a)
        if (pools.audio[size_t(a)].size() < 2)
            return makeError(QStringLiteral("missing"),
                             QStringLiteral("fewer than 2 %1 samples under %2").arg(audioTypeName(a), share));
    for (int v = 0; v < PictureTypeCount; ++v)
        if (pools.pictures[size_t(v)].size() < 2)
            return makeError(QStringLiteral("missing"),
                             QStringLiteral("fewer than 2 %1 pictures under %2").arg(pictureTypeName(v), share));
    return pools;
}

} // namespace avt::demo
