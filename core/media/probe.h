#pragma once
// probeMedia(): the facts of a media file without decoding it.
//
//   auto info = avt::media::probeMedia(QStringLiteral("clip.mp4"));
//   if (!info) { qWarning() << info.error().message; return; }
//   qDebug() << info->duration << info->frameRate << info->width << info->audioRate;
//
// Reads the container header and a few packets (to tell constant from variable frame rate);
// cost is milliseconds and does not grow with the file length.
// Thread-safety: reentrant; calls share no state and may run concurrently on any threads.
#include "core/util/result.h"

#include <QString>

namespace avt::media {

struct MediaInfo {
    QString path;
    QString container;     // FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    double duration = 0.0; // seconds; longest stream (container duration when known)

    bool hasVideo = false;
    QString videoCodec; // e.g. "h264"; empty without video
    int width = 0;      // pixels, as decoded (no rotation applied)
    int height = 0;
    double frameRate = 0.0;         // frames per second (average rate when it varies)
    bool variableFrameRate = false; // frame intervals differ by more than timestamp rounding
    double videoDuration = 0.0;     // seconds
    qint64 frameCount = 0;          // from the header, else duration * frameRate (an estimate)

    bool hasAudio = false;
    QString audioCodec; // e.g. "aac"; empty without audio
    int audioRate = 0;  // Hz, as stored (before any resampling)
    int audioChannels = 0;
    double audioDuration = 0.0; // seconds
};

// Errors: Missing (no file), Empty (zero-length file or no audio/video stream at all),
// Corrupt (not readable as media), Unsupported (no decoder for any stream), Timeout.
Result<MediaInfo> probeMedia(const QString &path, double timeoutSeconds = 30.0);

} // namespace avt::media

namespace avt::media {

// FFmpeg's own log lines (warnings about damaged packets and so on) go to stderr. This sets
// FFmpeg's process-wide log level: quiet = errors only stay hidden too. Call once at startup
// (tests and batch verbs); not tied to any probe or decode call.
void setFfmpegLogQuiet(bool quiet);

} // namespace avt::media
