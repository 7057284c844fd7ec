#pragma once
// A real workspace for the GUI tests: the DrumArt-10 demo dataset (3 clips per class, 30 clips)
// made with avt::demo::makeDrumArt into a temporary folder and imported with importDataset, and
// optionally a large dataset of 10,000 clips that reuse those media files (for the stall test).
#include "core/importer/importer.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace avt::testing {

struct DemoWorkspace {
    std::unique_ptr<QTemporaryDir> dir;
    QString workspace;           // workspace folder
    QString dataset;             // "drumart"
    QString csvPath;             // the demo annotation file
    data::ImportSummary summary; // of the demo import
    QString error;               // non-empty when building failed
};

// Builds the demo workspace (tens of seconds: 30 clips are encoded with FFmpeg).
DemoWorkspace makeDemoWorkspace();

// Adds dataset `name` with `clips` clips to the workspace, cycling over the demo dataset's
// clips (same media, facts and labels; keys made unique). Returns an error message or "".
QString addLargeDataset(const DemoWorkspace &demo, const QString &name, int clips);

} // namespace avt::testing
