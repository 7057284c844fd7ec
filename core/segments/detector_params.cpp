// One table drives validation, JSON, text overrides and the help of the batch verb, so a new
// parameter is added in exactly two places: the struct and the table below.
#include "core/segments/detector_params.h"

#include <QJsonValue>
#include <QStringList>

#include <cmath>
#include <functional>

namespace avt::segments {

namespace {

struct Accessor {
    DetectorParamField field;
    std::function<double(const DetectorParams &)> get;
    std::function<void(DetectorParams &, double)> put;
};

template <class M>
Accessor make(M DetectorParams::*member, const char *key, const char *option, const char *help, double min, double max,
              bool odd = false)
{
    Accessor a;
    a.field = {QString::fromLatin1(key),
               QString::fromLatin1(option),
               QString::fromLatin1(help),
               min,
               max,
               std::is_integral_v<M>,
               odd};
    a.get = [member](const DetectorParams &p) { return double(p.*member); };
    a.put = [member](DetectorParams &p, double v) { p.*member = static_cast<M>(v); };
    return a;
}

const std::vector<Accessor> &accessors()
{
    static const std::vector<Accessor> table = {
        make(&DetectorParams::maxSegments, "maxSegments", "max-segments", "most segments per clip (S)", 1, 1024),
        make(&DetectorParams::smoothWindow, "smoothWindow", "smooth-window",
             "Savitzky-Golay window along time, frames (odd)", 1, 101, true),
        make(&DetectorParams::smoothOrder, "smoothOrder", "smooth-order", "Savitzky-Golay polynomial order (< window)",
             0, 6),
        make(&DetectorParams::activityWindow, "activityWindow", "activity-window",
             "smoothing window of the activity curve, frames (odd)", 1, 101, true),
        make(&DetectorParams::activityOrder, "activityOrder", "activity-order",
             "polynomial order of the activity smoothing (< window)", 0, 6),
        make(&DetectorParams::peakRadius, "peakRadius", "peak-radius", "non-maximum suppression radius, frames", 0,
             100),
        make(&DetectorParams::minSegmentFrames, "minSegmentFrames", "min-segment-frames", "shortest segment, frames", 1,
             10000),
        make(&DetectorParams::minActivity, "minActivity", "min-activity",
             "change points need activity above this (fbank units per frame)", 0.0, 1e6),
        make(&DetectorParams::relativeThreshold, "relativeThreshold", "relative-threshold",
             "change points need at least this fraction of the clip's largest activity", 0.0, 1.0),
    };
    return table;
}

const Accessor *findAccessor(const QString &key)
{
    for (const Accessor &a : accessors())
        if (a.field.key == key)
            return &a;
    return nullptr;
}

QString number(double v) { return QString::number(v, 'g', 17); }

Error invalid(const QString &message) { return makeError(QStringLiteral("invalid"), message); }

Status checkField(const Accessor &a, double v)
{
    const DetectorParamField &f = a.field;
    const bool inRange = std::isfinite(v) && v >= f.min && v <= f.max;
    const bool wholeOk = !f.integer || v == std::floor(v);
    const bool oddOk = !f.odd || std::fmod(v, 2.0) != 0.0;
    if (inRange && wholeOk && oddOk)
        return Ok{};
    const QString kind = f.odd ? QStringLiteral("an odd integer")
                               : (f.integer ? QStringLiteral("an integer") : QStringLiteral("a number"));
    return invalid(QStringLiteral("segments.%1 must be %2 in [%3, %4], got %5")
                       .arg(f.key, kind, number(f.min), number(f.max), number(v)));
}

} // namespace

const std::vector<DetectorParamField> &detectorParamFields()
{
    static const std::vector<DetectorParamField> fields = [] {
        std::vector<DetectorParamField> out;
        for (const Accessor &a : accessors())
            out.push_back(a.field);
        return out;
    }();
    return fields;
}

Status DetectorParams::validate() const
{
    for (const Accessor &a : accessors())
        if (Status s = checkField(a, a.get(*this)); !s)
            return s;
    if (smoothOrder >= smoothWindow)
        return invalid(QStringLiteral("segments.smoothOrder must be < smoothWindow (%1), got %2")
                           .arg(smoothWindow)
                           .arg(smoothOrder));
    if (activityOrder >= activityWindow)
        return invalid(QStringLiteral("segments.activityOrder must be < activityWindow (%1), got %2")
                           .arg(activityWindow)
                           .arg(activityOrder));
    return Ok{};
}

QJsonObject DetectorParams::toJson() const
{
    QJsonObject o;
    for (const Accessor &a : accessors()) {
        const double v = a.get(*this);
        o.insert(a.field.key, a.field.integer ? QJsonValue(qint64(v)) : QJsonValue(v));
    }
    return o;
}

Result<DetectorParams> DetectorParams::fromJson(const QJsonObject &o)
{
    DetectorParams p;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const Accessor *a = findAccessor(it.key());
        if (!a)
            return invalid(QStringLiteral("segments: unknown parameter '%1'").arg(it.key()));
        if (!it.value().isDouble())
            return invalid(QStringLiteral("segments.%1 must be a number").arg(it.key()));
        const double v = it.value().toDouble();
        if (Status s = checkField(*a, v); !s)
            return s.error();
        a->put(p, v);
    }
    if (Status s = p.validate(); !s)
        return s.error();
    return p;
}

Status DetectorParams::set(const QString &key, const QString &value)
{
    const Accessor *a = findAccessor(key);
    if (!a)
        return invalid(QStringLiteral("segments: unknown parameter '%1'").arg(key));
    bool ok = false;
    const double v = value.trimmed().toDouble(&ok);
    if (!ok)
        return invalid(QStringLiteral("segments.%1: '%2' is not a number").arg(key, value));
    if (Status s = checkField(*a, v); !s)
        return s;
    a->put(*this, v);
    return Ok{};
}

QString DetectorParams::cacheKey() const
{
    QStringList parts;
    for (const Accessor &a : accessors())
        parts << a.field.key + QLatin1Char('=') + number(a.get(*this));
    return parts.join(QLatin1Char(';'));
}

} // namespace avt::segments
