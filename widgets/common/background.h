#pragma once
// Where the views run their background work: a thread pool whose threads run at a lower
// scheduling priority (nice +10 on Linux) than the GUI thread, so decoding thumbnails,
// previews and spectrograms never competes with drawing and input on an equal footing.
//
//   whenFinished(this, runInBackground([path] { return decode(path); }),
//                [this](const Decoded &r) { show(r); });
//
// whenFinished() delivers the result on the context object's thread through a QFutureWatcher
// owned by that object: when the object is destroyed first, the watcher goes with it and the
// result is dropped. (A watcher rather than QFuture::then(context, ...), whose continuation Qt
// 6.4 can lose when the future finishes while it is being attached.)
#include <QFuture>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent>

#include <type_traits>

namespace avt::widgets {

// The shared pool (as many threads as cores). Lives until the application ends.
QThreadPool *backgroundPool();
// Lowers the calling thread's priority once (no-op where unsupported). Called by the tasks of
// backgroundPool() and of other worker pools of the views.
void lowerCurrentThreadPriority();

template <class F> auto runInBackground(F &&task)
{
    return QtConcurrent::run(backgroundPool(), [task = std::forward<F>(task)]() mutable {
        lowerCurrentThreadPriority();
        return task();
    });
}

template <class T, class Done> void whenFinished(QObject *context, QFuture<T> future, Done &&done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(std::move(future));
}

} // namespace avt::widgets
