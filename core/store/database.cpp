#include "core/store/database.h"

#include <sqlite3.h>

#include <QElapsedTimer>
#include <QThread>

namespace avt::store {

namespace {
QString sqliteMessage(sqlite3 *db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("no database");
}
} // namespace

Statement::Statement(sqlite3 *db, sqlite3_stmt *stmt, QString sql) : m_db(db), m_stmt(stmt), m_sql(std::move(sql)) {}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_sql(std::move(other.m_sql)), m_error(std::move(other.m_error))
{
    other.m_stmt = nullptr;
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_sql = std::move(other.m_sql);
        m_error = std::move(other.m_error);
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &blob)
{
    sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return bindNull(index);
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Bool: return bind(index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float: return bind(index, value.toDouble());
    case QMetaType::QByteArray: return bind(index, value.toByteArray());
    default: return bind(index, value.toString());
    }
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    if (!m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        m_error.clear();
    else
        m_error = QStringLiteral("%1 (in: %2)").arg(sqliteMessage(m_db), m_sql.simplified().left(120));
    return false;
}

Status Statement::exec()
{
    if (!m_stmt)
        return makeError(QStringLiteral("sql"), QStringLiteral("invalid statement: %1").arg(m_sql));
    while (step()) {}
    const QString err = m_error;
    reset();
    if (!err.isEmpty())
        return makeError(QStringLiteral("sql"), err);
    return Ok{};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::columnInt64(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::columnDouble(int col) const { return sqlite3_column_double(m_stmt, col); }
bool Statement::columnIsNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

QString Statement::columnText(int col) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!text)
        return QString();
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, col));
}

QByteArray Statement::columnBlob(int col) const
{
    const void *data = sqlite3_column_blob(m_stmt, col);
    return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, col));
}

Database::Database() = default;

Database::~Database() { close(); }

Status Database::open(const QString &path, int busyTimeoutMs)
{
    close();
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = QStringLiteral("cannot open database %1: %2").arg(path, sqliteMessage(m_db));
        sqlite3_close(m_db);
        m_db = nullptr;
        return makeError(QStringLiteral("io"), msg);
    }
    m_path = path;
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    // Switching a new file to WAL needs it to itself, and SQLite answers "database is locked"
    // without waiting when another connection is making the same file at the same moment: retry
    // within the busy timeout.
    const QString setup = QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
    QElapsedTimer waited;
    waited.start();
    Status st = execScript(setup);
    while (!st && (sqlite3_errcode(m_db) == SQLITE_BUSY || sqlite3_errcode(m_db) == SQLITE_LOCKED)
           && waited.elapsed() < busyTimeoutMs) {
        QThread::msleep(10);
        st = execScript(setup);
    }
    if (!st) {
        const Error err = st.error();
        close();
        return makeError(QStringLiteral("io"),
                         QStringLiteral("%1 is not a usable SQLite database: %2").arg(path, err.message));
    }
    return Ok{};
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Statement Database::prepare(const QString &sql)
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &stmt, nullptr) != SQLITE_OK) {
        m_lastError = QStringLiteral("%1 (in: %2)").arg(sqliteMessage(m_db), sql.simplified().left(120));
        return Statement();
    }
    return Statement(m_db, stmt, sql);
}

Status Database::execScript(const QString &sql)
{
    char *err = nullptr;
    if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &err) != SQLITE_OK) {
        const QString msg = err ? QString::fromUtf8(err) : sqliteMessage(m_db);
        sqlite3_free(err);
        m_lastError = msg;
        return makeError(QStringLiteral("sql"), msg);
    }
    return Ok{};
}

qint64 Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

} // namespace avt::store
