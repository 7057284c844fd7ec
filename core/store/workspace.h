#pragma once
// A workspace: one folder holding the run store (workspace.sqlite) and the files it refers to
// (runs/<name>/ checkpoints and logs, exports/, cache/). The database keeps paths relative to
// the folder, so a workspace can be moved or copied whole.
#include "core/store/database.h"
#include "core/util/result.h"

#include <QDir>
#include <QString>

#include <memory>

namespace avt::store {

class Workspace {
public:
    static constexpr const char *kDatabaseName = "workspace.sqlite";

    // Opens the workspace at folder, creating the folder and the store when absent and
    // upgrading an older store. Fails with a message naming the folder and the cause.
    static Result<std::unique_ptr<Workspace>> open(const QString &folder);
    // True when folder holds a workspace store.
    static bool exists(const QString &folder);

    const QDir &dir() const { return m_dir; }
    QString path() const { return m_dir.absolutePath(); }
    QString databasePath() const { return m_dir.absoluteFilePath(QString::fromLatin1(kDatabaseName)); }
    Database &db() { return m_db; }

    // The path to store for a file: relative to the workspace when inside it, absolute otherwise.
    QString relativePath(const QString &absolute) const;
    // The file a stored relative path (a checkpoint, an export) names inside the workspace. A stored
    // path that is absolute or leads out of the workspace (a damaged or hand-edited store) is an
    // error naming it: what the store says never reaches files elsewhere.
    Result<QString> absolutePath(const QString &stored) const;

private:
    explicit Workspace(const QString &folder) : m_dir(folder) {}

    QDir m_dir;
    Database m_db;
};

} // namespace avt::store
