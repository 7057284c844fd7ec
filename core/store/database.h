#pragma once
// A thin RAII layer over the SQLite C API: one connection, prepared statements only, errors as
// values. The run store (schema.h) and the typed stores on top of it use this.
//
//   Database db;
//   if (auto st = db.open(path); !st) fail(st.error().message);
//   Statement q = db.prepare("SELECT id FROM clips WHERE path = ?1");
//   q.bind(1, path);
//   while (q.step()) use(q.columnInt64(0));
//
// Thread-safety: a Database and its Statements belong to one thread. Other threads (and
// other processes: the GUI and a batch run) open their own connection; WAL mode and a busy
// timeout let them share the file.
#include "core/util/result.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace avt::store {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3 *db, sqlite3_stmt *stmt, QString sql);
    Statement(Statement &&) noexcept;
    Statement &operator=(Statement &&) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite. A QString always binds text ("" when null); bind
    // NULL with bindNull() or an invalid QVariant.
    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const QByteArray &blob);
    Statement &bind(int index, const QVariant &value);
    Statement &bindNull(int index);

    // Advances to the next row: true while a row is available. After false, error() tells
    // whether the statement ended normally.
    bool step();
    // Runs the statement to completion (for INSERT/UPDATE/DELETE); resets it for reuse.
    Status exec();
    void reset();

    qint64 columnInt64(int col) const;
    double columnDouble(int col) const;
    QString columnText(int col) const;
    QByteArray columnBlob(int col) const;
    bool columnIsNull(int col) const;

    // The last error of step()/exec(), empty if none.
    const QString &error() const { return m_error; }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_sql;
    QString m_error;
};

class Database {
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) the file, enables WAL, foreign keys and a busy timeout.
    Status open(const QString &path, int busyTimeoutMs = 5000);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    const QString &path() const { return m_path; }

    // Prepares a statement; an invalid Statement (isValid() false) on error, with the message
    // available from lastError().
    Statement prepare(const QString &sql);
    // Executes one or more statements without parameters (schema DDL only).
    Status execScript(const QString &sql);

    // Runs fn inside BEGIN IMMEDIATE ... COMMIT; rolls back when fn returns an error.
    template <class Fn> Status transaction(Fn &&fn)
    {
        if (auto st = execScript(QStringLiteral("BEGIN IMMEDIATE")); !st)
            return st;
        Status result = fn();
        if (!result) {
            (void)execScript(QStringLiteral("ROLLBACK"));
            return result;
        }
        return execScript(QStringLiteral("COMMIT"));
    }

    qint64 lastInsertId() const;
    QString lastError() const { return m_lastError; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_lastError;
};

} // namespace avt::store
