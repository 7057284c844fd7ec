#pragma once
// The QApplication of the GUI tests and benchmarks: it times each outermost event dispatch of
// the GUI thread in CPU time of that thread and keeps the longest, with the event type and the
// receiver, so a test can tell which handler held the thread.
//
//   avt::testing::TimingApplication app(argc, argv);
//   app.resetLongest();  ...  qInfo("%f ms in %s", app.longest().cpuMs, qPrintable(app.longest().what));
#include <QApplication>
#include <QEvent>
#include <QMetaEnum>
#include <QString>
#include <QThread>

#include <ctime>

namespace avt::testing {

// CPU time of the calling thread, in milliseconds.
inline double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct LongestDispatch {
    double cpuMs = 0;
    QString what; // event type and receiver, e.g. "UpdateRequest to QWidget 'qt_scrollarea_viewport'"
};

class TimingApplication : public QApplication {
public:
    using QApplication::QApplication;

    // The running TimingApplication (nullptr when the application is another kind).
    static TimingApplication *instance() { return dynamic_cast<TimingApplication *>(QCoreApplication::instance()); }
    LongestDispatch longest() const { return m_longest; }
    void resetLongest() { m_longest = {}; }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const QEvent::Type type = event->type(); // the event may be gone after delivery
        // Read before delivery (the receiver may be deleted by it); formatted only for a new maximum.
        const char *receiverClass = receiver ? receiver->metaObject()->className() : "nothing";
        const QString receiverName = receiver ? receiver->objectName() : QString();
        const double t0 = threadCpuMs();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = threadCpuMs() - t0;
        if (ms > m_longest.cpuMs) {
            const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            m_longest = {ms, QStringLiteral("%1 to %2 '%3'")
                                 .arg(typeName ? QLatin1String(typeName) : QString::number(int(type)),
                                      QLatin1String(receiverClass), receiverName)};
        }
        return result;
    }

private:
    int m_depth = 0;
    LongestDispatch m_longest;
};

} // namespace avt::testing
