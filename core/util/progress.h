#pragma once
// Progress of a long batch job, shown as a bar on a terminal, as plain lines when stderr is
// not a terminal, or as JSON lines on stdout with `--progress json` (the GUI reads those):
//   {"event":"progress","task":"import","done":12,"total":100,"message":"clip_0012.mp4"}
// Not thread-safe: report from one thread (workers post counts to it).
#include <QString>

#include <chrono>

namespace avt {

class Progress {
public:
    enum class Mode { Auto, Bar, Lines, Json, Quiet };

    Progress(QString task, qint64 total, Mode mode = Mode::Auto);
    ~Progress();

    // Parses the value of a --progress option: "auto", "bar", "lines", "json", "none".
    static bool parseMode(const QString &text, Mode *mode);

    void setTotal(qint64 total) { m_total = total; }
    void update(qint64 done, const QString &message = QString());
    void step(const QString &message = QString()) { update(m_done + 1, message); }
    // Emits a free-form event (JSON mode) or a line (other modes).
    void event(const QString &name, const QString &message);
    void finish(const QString &message = QString());

private:
    void draw(bool force);

    QString m_task;
    qint64 m_total = 0;
    qint64 m_done = 0;
    QString m_message;
    Mode m_mode;
    bool m_finished = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastDraw;
};

} // namespace avt
