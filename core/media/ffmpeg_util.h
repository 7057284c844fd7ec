#pragma once
// Private to core/media: RAII owners for FFmpeg objects and the opening of an input with a
// deadline. Not part of the public API (callers use probe.h and decode.h).
//
// Every FFmpeg object lives in a std::unique_ptr with a deleter calling the matching free
// function, so early returns on errors never leak. Nothing here holds global state.
#include "core/media/media_error.h"
#include "core/util/result.h"

#include <QString>

#include <chrono>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace avt::media::detail {

struct FormatCloser {
    void operator()(AVFormatContext *p) const { avformat_close_input(&p); }
};
struct CodecCloser {
    void operator()(AVCodecContext *p) const { avcodec_free_context(&p); }
};
struct FrameFreer {
    void operator()(AVFrame *p) const { av_frame_free(&p); }
};
struct PacketFreer {
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct SwsFreer {
    void operator()(SwsContext *p) const { sws_freeContext(p); }
};
struct SwrFreer {
    void operator()(SwrContext *p) const { swr_free(&p); }
};

using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecCloser>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFreer>;

FramePtr makeFrame();
PacketPtr makePacket();

// FFmpeg's text for an AVERROR code.
QString avErrorText(int err);

// A wall-clock deadline shared by the interrupt callback (I/O) and the decode loops.
class Deadline {
public:
    explicit Deadline(double seconds);
    bool passed() const { return std::chrono::steady_clock::now() >= m_end; }
    double seconds() const { return m_seconds; }

private:
    std::chrono::steady_clock::time_point m_end;
    double m_seconds;
};

// An opened input: demuxer with stream info, plus the deadline its I/O obeys. Owns the
// Deadline because the interrupt callback points at it (so the object is not movable).
class Input {
public:
    Input(const QString &path, double timeoutSeconds) : path(path), deadline(timeoutSeconds) {}
    Input(const Input &) = delete;
    Input &operator=(const Input &) = delete;

    // Checks the file, opens it and reads stream info. Errors: Missing, Empty, Corrupt, Timeout.
    // trustHeader: for an MP4 / MOV file whose header already gives every stream's codec and
    // sizes (video width and height, audio rate and channels), the stream-info pass that decodes
    // the first frames of each stream is left out; other files always get it.
    Status open(bool trustHeader = false);

    // Error for an FFmpeg failure while doing `what`: Timeout when the deadline passed,
    // Truncated for an unexpected end of data, Corrupt otherwise.
    Error failure(int err, const QString &what) const;

    // Seconds of the container's start time (0 when unknown): the origin of all times.
    double origin() const;
    // Seconds of a timestamp in a stream's time base, relative to origin().
    double seconds(int64_t ts, const AVStream *stream) const;

    QString path;
    Deadline deadline;
    FormatPtr fmt;
    qint64 fileSize = 0;
};

// Opens a decoder for a stream with `threads` threads (0 = FFmpeg's choice). Errors:
// Unsupported when no decoder exists, Corrupt when it cannot be opened.
Result<CodecPtr> openDecoder(const Input &input, const AVStream *stream, int threads);

// The best stream of a type, or nullptr.
AVStream *bestStream(AVFormatContext *fmt, AVMediaType type);

} // namespace avt::media::detail
