#include "core/media/ffmpeg_util.h"

#include <cstring>

#include <QFileInfo>

#include <cerrno>

namespace avt::media::detail {

namespace {

// AVIOInterruptCB: FFmpeg polls this during blocking I/O; non-zero aborts with AVERROR_EXIT.
int interruptAtDeadline(void *opaque) { return static_cast<const Deadline *>(opaque)->passed() ? 1 : 0; }

} // namespace

FramePtr makeFrame() { return FramePtr(av_frame_alloc()); }

PacketPtr makePacket() { return PacketPtr(av_packet_alloc()); }

QString avErrorText(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

Deadline::Deadline(double seconds)
    : m_end(std::chrono::steady_clock::now()
            + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(seconds > 0 ? seconds : 1e9))),
      m_seconds(seconds)
{}

namespace {

// An MP4 / MOV header names each stream's codec with its sizes (sample descriptions) and its
// timing (sample tables), so the stream-info pass has nothing to add for decoding.
bool headerIsComplete(const AVFormatContext *fmt)
{
    if (!fmt->iformat || std::strncmp(fmt->iformat->name, "mov,", 4) != 0 || fmt->nb_streams == 0)
        return false;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVCodecParameters *p = fmt->streams[i]->codecpar;
        if (p->codec_id == AV_CODEC_ID_NONE)
            return false;
        if (p->codec_type == AVMEDIA_TYPE_VIDEO && (p->width <= 0 || p->height <= 0))
            return false;
        if (p->codec_type == AVMEDIA_TYPE_AUDIO && (p->sample_rate <= 0 || p->ch_layout.nb_channels <= 0))
            return false;
    }
    return true;
}

} // namespace

Status Input::open(bool trustHeader)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeMediaError(MediaError::Missing, path, QStringLiteral("no such file"));
    if (info.isDir())
        return makeMediaError(MediaError::Missing, path, QStringLiteral("is a folder, not a file"));
    if (!info.isFile()) // a FIFO or device could block in open() before any deadline applies
        return makeMediaError(MediaError::Unsupported, path, QStringLiteral("not a regular file"));
    if (!info.isReadable())
        return makeMediaError(MediaError::Missing, path, QStringLiteral("not readable"));
    fileSize = info.size();
    if (fileSize == 0)
        return makeMediaError(MediaError::Empty, path, QStringLiteral("zero-length file"));

    AVFormatContext *raw = avformat_alloc_context();
    if (!raw)
        return makeMediaError(MediaError::Corrupt, path, QStringLiteral("out of memory"));
    raw->interrupt_callback.callback = &interruptAtDeadline;
    raw->interrupt_callback.opaque = &deadline;
    // On failure avformat_open_input frees the context itself.
    int err = avformat_open_input(&raw, path.toUtf8().constData(), nullptr, nullptr);
    if (err < 0)
        return failure(err, QStringLiteral("opening"));
    fmt.reset(raw);
    if (!trustHeader || !headerIsComplete(fmt.get())) {
        err = avformat_find_stream_info(fmt.get(), nullptr);
        if (err < 0)
            return failure(err, QStringLiteral("reading stream info"));
    }
    if (fmt->nb_streams == 0)
        return makeMediaError(MediaError::Empty, path, QStringLiteral("no streams"));
    return Ok{};
}

Error Input::failure(int err, const QString &what) const
{
    const QString text = avErrorText(err);
    if (deadline.passed() || err == AVERROR_EXIT)
        return makeMediaError(MediaError::Timeout, path,
                              QStringLiteral("timed out after %1 s while %2").arg(deadline.seconds()).arg(what));
    if (err == AVERROR_EOF)
        return makeMediaError(MediaError::Truncated, path, QStringLiteral("unexpected end of data while %1").arg(what));
    if (err == AVERROR(ENOENT))
        return makeMediaError(MediaError::Missing, path, text);
    if (err == AVERROR_DECODER_NOT_FOUND || err == AVERROR_DEMUXER_NOT_FOUND || err == AVERROR_PATCHWELCOME)
        return makeMediaError(MediaError::Unsupported, path, QStringLiteral("%1 while %2").arg(text, what));
    return makeMediaError(MediaError::Corrupt, path, QStringLiteral("%1 while %2").arg(text, what));
}

double Input::origin() const
{
    if (!fmt || fmt->start_time == AV_NOPTS_VALUE)
        return 0.0;
    return double(fmt->start_time) / AV_TIME_BASE;
}

double Input::seconds(int64_t ts, const AVStream *stream) const { return ts * av_q2d(stream->time_base) - origin(); }

Result<CodecPtr> openDecoder(const Input &input, const AVStream *stream, int threads)
{
    const AVCodec *codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec)
        return makeMediaError(MediaError::Unsupported, input.path,
                              QStringLiteral("no decoder for codec '%1'")
                                  .arg(QString::fromLatin1(avcodec_get_name(stream->codecpar->codec_id))));
    CodecPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx)
        return makeMediaError(MediaError::Corrupt, input.path, QStringLiteral("out of memory"));
    int err = avcodec_parameters_to_context(ctx.get(), stream->codecpar);
    if (err < 0)
        return input.failure(err, QStringLiteral("setting up the %1 decoder").arg(QString::fromLatin1(codec->name)));
    ctx->thread_count = threads < 0 ? 1 : threads;
    ctx->pkt_timebase = stream->time_base;
    err = avcodec_open2(ctx.get(), codec, nullptr);
    if (err < 0)
        return input.failure(err, QStringLiteral("opening the %1 decoder").arg(QString::fromLatin1(codec->name)));
    return ctx;
}

AVStream *bestStream(AVFormatContext *fmt, AVMediaType type)
{
    // Cover art (e.g. in MP3 files) is a one-picture "video" stream: never a video.
    auto usable = [](const AVStream *s) { return !(s->disposition & AV_DISPOSITION_ATTACHED_PIC); };
    const int index = av_find_best_stream(fmt, type, -1, -1, nullptr, 0);
    if (index >= 0 && usable(fmt->streams[index]))
        return fmt->streams[index];
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        if (fmt->streams[i]->codecpar->codec_type == type && usable(fmt->streams[i]))
            return fmt->streams[i];
    return nullptr;
}

} // namespace avt::media::detail
