#pragma once
// The source material of the DrumArt-10 demo dataset: drum one-shots and clip-art pictures
// from Debian packages (DATASETS.md), found where they are installed or unpacked into a
// cache folder with `apt-get download` + `dpkg -x` (no root needed).
#include "core/util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>

namespace avt::demo {

// Audio types A1..A6 and picture types V1..V6 of DATASETS.md (index 0..5).
enum AudioType { Kick, Snare, HiHat, Tom, Cymbal, HandPercussion, AudioTypeCount };
enum PictureType { Birds, Bugs, Fruit, Mammals, Music, Plants, PictureTypeCount };

QString audioTypeName(int type);   // "kick", "snare", ...
QString pictureTypeName(int type); // "birds", "bugs", ...

// The Debian packages the sources come from.
QStringList sourcePackages();

struct SourcePools {
    QString root;                                       // folder holding usr/share/... (or "/" for installed packages)
    std::array<QStringList, AudioTypeCount> audio;      // absolute paths, sorted
    std::array<QStringList, PictureTypeCount> pictures; // absolute paths, sorted
};

// Classifies a sample file name into an audio type by its instrument words, or -1.
int classifySample(const QString &fileName);

// Finds the sources: `sourcesDir` when given, else the installed packages under /usr/share,
// else the cache folder (unpacking the packages there when allowDownload). Fails with a
// message naming what is missing and how to get it.
Result<SourcePools> findSources(const QString &sourcesDir, const QString &cacheDir, bool allowDownload);

// Default cache folder: $AVT_DEMO_CACHE, else $XDG_CACHE_HOME/avt-workbench/demo-sources
// (~/.cache/...).
QString defaultCacheDir();

} // namespace avt::demo
