#pragma once
// Readers for the annotation files of the datasets the workbench imports (DATASETS.md):
//   csv              path,label[,split]   (a header row is optional)
//   vggsound         youtube_id,start_seconds,"label",split        (no header)
//   kinetics-sounds  label,youtube_id,time_start,time_end,split[,is_cc] (header), filtered to
//                    a user-provided class list
//   epic-kitchens-100  EPIC_100_{train,validation}.csv (header), windows into long videos,
//                    verb and noun labels with their class ids
// A bad row never stops the reader: it is reported with its line number and skipped.
// Nothing here touches the media files except to choose between candidate file names.
#include "core/data/clip.h"
#include "core/util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace avt::data {

enum class AnnotationFormat { Csv, VggSound, KineticsSounds, Epic100 };

// "csv", "vggsound", "kinetics-sounds", "epic-kitchens-100" (also "epic").
Result<AnnotationFormat> parseFormat(const QString &name);
QString formatName(AnnotationFormat format);

struct AnnotationOptions {
    AnnotationFormat format = AnnotationFormat::Csv;
    // Folder the media paths are relative to (default: the annotation file's folder).
    QString mediaRoot;
    // File name pattern for YouTube-style datasets; placeholders {id}, {start}, {end},
    // {start:06d}, {end:06d}; for EPIC {participant}, {video}. Empty: the dataset's usual
    // names are tried in turn (see DATASETS.md) and the first that exists is taken.
    QString filenamePattern;
    // Kinetics-Sounds: file with one class name per line; rows of other classes are left out.
    QString classListFile;
    // EPIC-KITCHENS: split name for the rows (default: "train" for *train*.csv, "validation"
    // for *validation*.csv, else "test").
    QString split;
};

struct RowProblem {
    int line = 0; // 1-based line in the annotation file
    QString message;
};

struct Annotations {
    QList<Clip> clips;         // path relative to mediaRoot; facts not probed yet
    QList<RowProblem> badRows; // skipped rows, with the reason
    int filteredRows = 0;      // rows left out on purpose (Kinetics-Sounds class list)
    QString mediaRoot;         // absolute
};

// Reads an annotation file. Fails only when the file itself cannot be read or is of the wrong
// format as a whole (e.g. a missing header); single bad rows go to badRows.
Result<Annotations> readAnnotations(const QString &path, const AnnotationOptions &options);

// Splits one CSV line (RFC 4180 quoting: "a, b" and "" inside quotes). Returns false on an
// unterminated quote.
bool splitCsvLine(const QString &line, QStringList *fields);

// Parses "HH:MM:SS.ff" (EPIC timestamps; also "MM:SS.ff" and plain seconds). -1 on error.
double parseTimestamp(const QString &text);

} // namespace avt::data
