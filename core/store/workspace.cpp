#include "core/store/workspace.h"

#include "core/store/schema.h"

#include <QFileInfo>

namespace avt::store {

Result<std::unique_ptr<Workspace>> Workspace::open(const QString &folder)
{
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        return makeError(QStringLiteral("io"), QStringLiteral("workspace %1 is a file, not a folder").arg(folder));
    QDir dir(info.absoluteFilePath());
    if (!dir.exists() && !QDir().mkpath(dir.absolutePath()))
        return makeError(QStringLiteral("io"),
                         QStringLiteral("cannot create workspace folder %1").arg(dir.absolutePath()));
    for (const char *sub : {"runs", "exports", "cache", "logs"})
        dir.mkpath(QString::fromLatin1(sub));

    std::unique_ptr<Workspace> ws(new Workspace(dir.absolutePath()));
    if (auto st = ws->m_db.open(ws->databasePath()); !st)
        return st.error();
    if (auto st = migrate(ws->m_db); !st)
        return st.error();
    return ws;
}

bool Workspace::exists(const QString &folder)
{
    return QFileInfo::exists(QDir(folder).absoluteFilePath(QString::fromLatin1(kDatabaseName)));
}

QString Workspace::relativePath(const QString &absolute) const
{
    const QString rel = m_dir.relativeFilePath(absolute);
    return rel.startsWith(QLatin1String("..")) ? QFileInfo(absolute).absoluteFilePath() : rel;
}

Result<QString> Workspace::absolutePath(const QString &stored) const
{
    const QString clean = QDir::cleanPath(stored);
    if (stored.isEmpty() || QFileInfo(stored).isAbsolute() || clean == QLatin1String("..")
        || clean.startsWith(QLatin1String("../")))
        return makeError(
            QStringLiteral("path"),
            QStringLiteral("stored path '%1' leads outside the workspace %2").arg(stored, m_dir.absolutePath()));
    return m_dir.absoluteFilePath(clean);
}

} // namespace avt::store
