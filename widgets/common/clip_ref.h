#pragma once
// A handle on one clip for views that show it: the store id plus what is needed to decode it.
// Views pass ClipRefs around; the clip's data stay in the store.
#include <QMetaType>
#include <QString>

namespace avt::widgets {

struct ClipRef {
    qint64 id = 0;      // clip id in the workspace store; 0 for a file dropped from outside
    QString path;       // absolute media path
    double startS = -1; // window in the file, seconds (-1: start / end of the file)
    double endS = -1;
    QString title; // shown in titles (key or file name)

    bool isValid() const { return !path.isEmpty(); }
    bool operator==(const ClipRef &) const = default;
};

} // namespace avt::widgets

Q_DECLARE_METATYPE(avt::widgets::ClipRef)
