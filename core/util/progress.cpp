#include "core/util/progress.h"
#include "core/util/json_file.h"

#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace avt {

namespace {
void writeJson(const QJsonObject &obj)
{
    const QByteArray line = compactJsonBytes(obj) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}
} // namespace

Progress::Progress(QString task, qint64 total, Mode mode)
    : m_task(std::move(task)), m_total(total), m_mode(mode), m_start(std::chrono::steady_clock::now()),
      m_lastDraw(m_start)
{
    if (m_mode == Mode::Auto)
        m_mode = isatty(fileno(stderr)) ? Mode::Bar : Mode::Lines;
}

Progress::~Progress()
{
    if (!m_finished)
        finish();
}

bool Progress::parseMode(const QString &text, Mode *mode)
{
    if (text == QLatin1String("auto"))
        *mode = Mode::Auto;
    else if (text == QLatin1String("bar"))
        *mode = Mode::Bar;
    else if (text == QLatin1String("lines"))
        *mode = Mode::Lines;
    else if (text == QLatin1String("json"))
        *mode = Mode::Json;
    else if (text == QLatin1String("none"))
        *mode = Mode::Quiet;
    else
        return false;
    return true;
}

void Progress::update(qint64 done, const QString &message)
{
    m_done = done;
    m_message = message;
    draw(false);
}

void Progress::event(const QString &name, const QString &message)
{
    if (m_mode == Mode::Json) {
        writeJson(
            {{QStringLiteral("event"), name}, {QStringLiteral("task"), m_task}, {QStringLiteral("message"), message}});
    } else if (m_mode != Mode::Quiet) {
        if (m_mode == Mode::Bar)
            std::fputs("\r\033[K", stderr);
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(message));
    }
}

void Progress::finish(const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!message.isEmpty())
        m_message = message;
    draw(true);
    if (m_mode == Mode::Bar)
        std::fputc('\n', stderr);
    if (m_mode == Mode::Json) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        writeJson({{QStringLiteral("event"), QStringLiteral("finished")},
                   {QStringLiteral("task"), m_task},
                   {QStringLiteral("done"), m_done},
                   {QStringLiteral("total"), m_total},
                   {QStringLiteral("seconds"), secs}});
    }
}

void Progress::draw(bool force)
{
    const auto now = std::chrono::steady_clock::now();
    const double sinceLast = std::chrono::duration<double>(now - m_lastDraw).count();
    switch (m_mode) {
    case Mode::Quiet: return;
    case Mode::Json:
        if (!force && sinceLast < 0.2 && m_done != m_total)
            return;
        m_lastDraw = now;
        writeJson({{QStringLiteral("event"), QStringLiteral("progress")},
                   {QStringLiteral("task"), m_task},
                   {QStringLiteral("done"), m_done},
                   {QStringLiteral("total"), m_total},
                   {QStringLiteral("message"), m_message}});
        return;
    case Mode::Lines:
        if (!force && sinceLast < 2.0)
            return;
        m_lastDraw = now;
        std::fprintf(stderr, "%s: %lld/%lld %s\n", qPrintable(m_task), m_done, m_total, qPrintable(m_message));
        return;
    case Mode::Bar:
    case Mode::Auto: {
        if (!force && sinceLast < 0.1)
            return;
        m_lastDraw = now;
        const int width = 30;
        const double frac = m_total > 0 ? double(m_done) / double(m_total) : 0.0;
        const int filled = int(frac * width + 0.5);
        const double elapsed = std::chrono::duration<double>(now - m_start).count();
        std::fprintf(stderr, "\r\033[K%s [%.*s%*s] %lld/%lld %.0fs %s", qPrintable(m_task), filled,
                     "##############################", width - filled, "", m_done, m_total, elapsed,
                     qPrintable(m_message.left(40)));
        std::fflush(stderr);
        return;
    }
    }
}

} // namespace avt
