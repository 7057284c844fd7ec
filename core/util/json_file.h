#pragma once
// JSON out of the engine, one way everywhere: files through QSaveFile (written to a temporary
// file and renamed over the target on success, so a reader never sees half a file and a failed
// write leaves the old one), and one-line text for stdout, progress lines and the store.
//
//   if (auto st = avt::writeJsonFile(dir.filePath("report.json"), report); !st)
//       return st.error();                 // "report.json: cannot write (No space left ...)"
//   printLine(avt::compactJson(summary));  // {"clips":12,...}
// Thread-safety: reentrant.
#include "core/util/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace avt {

enum class JsonStyle { Indented, Compact };

// Writes the object to path; the error names the file and the cause.
Status writeJsonFile(const QString &path, const QJsonObject &object, JsonStyle style = JsonStyle::Indented);

// The object (or array) as one line of JSON text (no newline).
QString compactJson(const QJsonObject &object);
QString compactJson(const QJsonArray &array);
QByteArray compactJsonBytes(const QJsonObject &object);

} // namespace avt
