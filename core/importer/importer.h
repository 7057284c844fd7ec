#pragma once
// Dataset import: read an annotation file, probe every media file it names (in parallel),
// record stream facts and problems, and store datasets + clips in the workspace. A bad row or
// a broken file never stops the import; importing the same file again updates the same rows.
#include "core/data/annotations.h"
#include "core/util/result.h"

#include <QList>
#include <QMap>
#include <QString>

#include <atomic>
#include <functional>

namespace avt::store {
class Workspace;
}

namespace avt::data {

struct ImportOptions {
    QString name;                 // dataset name in the workspace (default: file base name)
    AnnotationOptions annotation; // format, media root, file name pattern, class list, split
    double minDurationS = 0.5;    // clips (or windows) shorter than this get "too-short"
    int threads = 2;              // probing threads
    double probeTimeoutS = 20.0;  // per file
};

struct ImportSummary {
    QString dataset;
    qint64 datasetId = 0;
    int rows = 0;   // data rows read (clips + bad rows + filtered rows)
    int clips = 0;  // clips stored
    int usable = 0; // clips without a blocking problem
    int filteredRows = 0;
    QList<RowProblem> badRows;
    QMap<QString, int> perProblem; // problem name -> clips
    QMap<QString, int> perSplit;
    QMap<QString, int> perLabel; // head "class" (or "verb") label -> clips
    int filesProbed = 0;
    double seconds = 0;
};

// Called on the calling thread as files are probed: (done, total, current file).
using ImportProgress = std::function<void(int done, int total, const QString &file)>;

// Imports annotationPath into the workspace. Fails only when the annotation file cannot be
// read as a whole or the store cannot be written; then nothing already stored is lost (the
// clips go in one transaction). cancel (may be null) stops probing early: the import then
// fails with code "cancelled" and stores nothing.
Result<ImportSummary> importDataset(store::Workspace &workspace, const QString &annotationPath,
                                    const ImportOptions &options, const ImportProgress &progress = {},
                                    const std::atomic_bool *cancel = nullptr);

// Probes one clip's media file (relative paths resolve against mediaRoot) and fills its facts
// and problems. Thread-safe.
void probeClip(Clip &clip, const QString &mediaRoot, double minDurationS, double timeoutS);

// The summary as an aligned plain-text table (for the terminal).
QString formatSummary(const ImportSummary &summary);

} // namespace avt::data
