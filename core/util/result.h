#pragma once
// Result<T>: a value or an Error. Recoverable failures at the edges (a file, a CSV row, a
// config value, a checkpoint) come back as values carrying a message that names what and
// where; broken invariants are assertions instead.
//
//   Result<MediaInfo> info = probeMedia(path);
//   if (!info) { qWarning() << info.error().message; return; }
//   use(info->duration);
#include <QString>

#include <cassert>
#include <utility>
#include <variant>

namespace avt {

struct Error {
    QString code;    // short machine-readable kind, e.g. "missing", "corrupt", "timeout"
    QString message; // human-readable, names the file/key/row and the cause
};

template <class T> class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value()
    {
        assert(ok());
        return std::get<0>(m_v);
    }
    const T &value() const
    {
        assert(ok());
        return std::get<0>(m_v);
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const
    {
        assert(!ok());
        return std::get<1>(m_v);
    }

private:
    std::variant<T, Error> m_v;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;

inline Error makeError(QString code, QString message) { return Error{std::move(code), std::move(message)}; }

} // namespace avt
