#pragma once
// Parameters of the audio activity segment detector (paper 3.2.1), with their defaults in one
// place, validation, JSON and command-line forms.
//
//   avt::segments::DetectorParams p;            // the defaults below
//   p.maxSegments = 30;
//   if (auto ok = p.validate(); !ok) qWarning() << ok.error().message;
//   QJsonObject o = p.toJson();                 // {"maxSegments": 30, ...}
//   auto q = avt::segments::DetectorParams::fromJson(o);   // unknown keys are errors
//
// Units: frames of the model's fbank (10 ms each for Kaldi fbank at 16 kHz); activity values
// are in fbank units (log-mel) per frame. Every field has a key (its JSON name), a command-line
// name and an allowed range, all listed in detectorParamFields().
#include "core/util/result.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace avt::segments {

struct DetectorParams {
    // Most segments to return (S): at most S - 1 boundaries. The paper uses 50 per 10 s clip.
    int maxSegments = 50;
    // Savitzky-Golay smoothing of the fbank along time, per mel bin: window (odd, frames) and
    // polynomial order (< window). The paper's "second-order smoothing".
    int smoothWindow = 5;
    int smoothOrder = 2;
    // Savitzky-Golay smoothing of the activity curve (the mean absolute gradient).
    int activityWindow = 9;
    int activityOrder = 2;
    // Non-maximum suppression: a frame is a change point candidate only if its activity is the
    // largest within +-peakRadius frames (a plateau of equal values counts once, at its
    // middle frame rounded up).
    int peakRadius = 3;
    // Every segment is at least this many frames long (so boundaries are at least this far
    // apart, and at least this far from both ends of the clip).
    int minSegmentFrames = 8;
    // Candidates need activity > minActivity (absolute, fbank units per frame) and
    // >= relativeThreshold * the largest activity of the clip. The defaults take the top
    // change points as the paper does, and keep digital silence (activity 0) free of boundaries.
    double minActivity = 1e-6;
    double relativeThreshold = 0.0;

    // Checks every field and the order < window rules. The error (code "invalid") names the
    // field, the allowed range and the value given.
    Status validate() const;

    QJsonObject toJson() const;
    // Starts from the defaults and applies the keys present in o; unknown keys, non-numbers,
    // non-integers for integer fields and invalid results are errors.
    static Result<DetectorParams> fromJson(const QJsonObject &o);
    // Sets one field from text, e.g. ("smoothWindow", "11"), checking that field's range;
    // the rules between fields (order < window) are validate()'s.
    Status set(const QString &key, const QString &value);
    // Stable text form of all fields ("maxSegments=50;smoothWindow=9;..."), for cache keys.
    QString cacheKey() const;

    bool operator==(const DetectorParams &) const = default;
};

// Description of one parameter, for help texts, forms and the batch verb.
struct DetectorParamField {
    QString key;      // JSON key, e.g. "smoothWindow"
    QString option;   // command-line option, e.g. "smooth-window"
    QString help;     // one line
    double min = 0.0; // allowed range, inclusive
    double max = 0.0;
    bool integer = true;
    bool odd = false; // integer that must be odd
};

const std::vector<DetectorParamField> &detectorParamFields();

} // namespace avt::segments
