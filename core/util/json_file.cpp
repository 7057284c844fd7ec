#include "core/util/json_file.h"

#include <QJsonDocument>
#include <QSaveFile>

namespace avt {

Status writeJsonFile(const QString &path, const QJsonObject &object, JsonStyle style)
{
    const QByteArray bytes =
        QJsonDocument(object).toJson(style == JsonStyle::Indented ? QJsonDocument::Indented : QJsonDocument::Compact);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("io"), QStringLiteral("%1: cannot create (%2)").arg(path, f.errorString()));
    if (f.write(bytes) != bytes.size() || !f.commit())
        return makeError(QStringLiteral("io"), QStringLiteral("%1: cannot write (%2)").arg(path, f.errorString()));
    return Ok{};
}

QByteArray compactJsonBytes(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

QString compactJson(const QJsonObject &object) { return QString::fromUtf8(compactJsonBytes(object)); }

QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

} // namespace avt
