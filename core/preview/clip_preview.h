#pragma once
// What the dataset browser's preview shows for one clip: frames for the scrubber and player,
// and the raw log-mel spectrogram of the same window (Kaldi fbank, 128 bins, 10 ms hop).
//
//   auto p = avt::preview::loadClipPreview(path, clip.startS, clip.endS, {});
//   if (!p) show(p.error().message);
//   // p->frames[i] is shown at p->frameTimes[i] - p->start seconds into the clip;
//   // fbank row r covers [r * 0.010, r * 0.010 + 0.025) seconds after p->start.
//
// Cost: decodes the whole window once (tens of milliseconds for a 3 s clip). Worker threads
// only. Errors: those of media::decodeClip, and of audio::computeFbank for windows shorter
// than one 25 ms frame. Thread-safety: reentrant.
#include "core/audio/fbank.h"
#include "core/preview/rgb_image.h"
#include "core/util/result.h"

#include <QList>
#include <QString>

#include <vector>

namespace avt::preview {

struct PreviewOptions {
    double framesPerSecond = 15.0; // frames sampled per second of the window
    int maxFrames = 150;           // at most this many frames (long windows are sampled sparser)
    int shortSide = 240;           // frame size, shorter side in pixels (aspect kept)
    double timeoutS = 20.0;
};

struct ClipPreview {
    double start = 0.0; // the window decoded, seconds in the file
    double length = 0.0;
    QList<RgbImage> frames;         // [T] in time order
    std::vector<double> frameTimes; // [T] seconds in the file
    bool hasAudio = false;
    audio::FbankMatrix fbank; // [frames, 128] raw log-mel of the window (silence if no audio)
};

// startS / endS: the clip's window in seconds (-1 = the file's start / end).
Result<ClipPreview> loadClipPreview(const QString &path, double startS, double endS,
                                    const PreviewOptions &options = {});

} // namespace avt::preview
