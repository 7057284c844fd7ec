#include "core/media/video_writer.h"

#include "core/media/ffmpeg_util.h"

#include <QFile>

extern "C" {
#include <libavutil/opt.h>
}

namespace avt::media {

namespace {

using namespace detail;

struct OutputCloser {
    void operator()(AVFormatContext *p) const
    {
        if (p && p->pb && !(p->oformat->flags & AVFMT_NOFILE))
            avio_closep(&p->pb);
        avformat_free_context(p);
    }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputCloser>;

const AVCodec *pickEncoder()
{
    if (const AVCodec *c = avcodec_find_encoder(AV_CODEC_ID_H264))
        return c;
    return avcodec_find_encoder(AV_CODEC_ID_MPEG4);
}

class Writer {
public:
    explicit Writer(const QString &path) : m_path(path) {}

    Status open(int width, int height, double fps)
    {
        const QByteArray file = QFile::encodeName(m_path);
        AVFormatContext *raw = nullptr;
        if (int e = avformat_alloc_output_context2(&raw, nullptr, nullptr, file.constData()); e < 0 || !raw)
            return fail(QStringLiteral("no container for this file name (%1)").arg(avErrorText(e)));
        m_out.reset(raw);
        const AVCodec *codec = pickEncoder();
        if (!codec)
            return fail(QStringLiteral("this FFmpeg has neither an H.264 nor an MPEG-4 encoder"));
        m_stream = avformat_new_stream(m_out.get(), nullptr);
        m_codec.reset(avcodec_alloc_context3(codec));
        if (!m_stream || !m_codec)
            return fail(QStringLiteral("out of memory"));
        m_width = (width + 1) / 2 * 2;
        m_height = (height + 1) / 2 * 2;
        const int rate = std::max(1, int(std::lround(fps * 1000)));
        m_codec->width = m_width;
        m_codec->height = m_height;
        m_codec->pix_fmt = AV_PIX_FMT_YUV420P;
        m_codec->time_base = AVRational{1000, rate};
        m_codec->framerate = AVRational{rate, 1000};
        m_codec->gop_size = 12;
        if (codec->id == AV_CODEC_ID_MPEG4)
            m_codec->bit_rate = 4'000'000;
        else {
            av_opt_set(m_codec->priv_data, "crf", "18", 0);
            // libx264's own parameter name is "log" (a number: -1 none, 0 error, 1 warning, 2 info;
            // "log-level" is only its command line's spelling). Errors only: no per-file statistics.
            av_opt_set(m_codec->priv_data, "x264-params", "log=0", 0);
        }
        if (m_out->oformat->flags & AVFMT_GLOBALHEADER)
            m_codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        if (int e = avcodec_open2(m_codec.get(), codec, nullptr); e < 0)
            return fail(QStringLiteral("cannot open the %1 encoder (%2)")
                            .arg(QString::fromLatin1(codec->name), avErrorText(e)));
        avcodec_parameters_from_context(m_stream->codecpar, m_codec.get());
        m_stream->time_base = m_codec->time_base;
        if (!(m_out->oformat->flags & AVFMT_NOFILE))
            if (int e = avio_open(&m_out->pb, file.constData(), AVIO_FLAG_WRITE); e < 0)
                return fail(QStringLiteral("cannot create the file (%1)").arg(avErrorText(e)));
        if (int e = avformat_write_header(m_out.get(), nullptr); e < 0)
            return fail(QStringLiteral("cannot write the header (%1)").arg(avErrorText(e)));
        m_sws.reset(sws_getContext(width, height, AV_PIX_FMT_RGB24, m_width, m_height, AV_PIX_FMT_YUV420P, SWS_BICUBIC,
                                   nullptr, nullptr, nullptr));
        m_frame = makeFrame();
        m_packet = makePacket();
        if (!m_sws || !m_frame || !m_packet)
            return fail(QStringLiteral("out of memory"));
        m_frame->format = AV_PIX_FMT_YUV420P;
        m_frame->width = m_width;
        m_frame->height = m_height;
        if (av_frame_get_buffer(m_frame.get(), 0) < 0)
            return fail(QStringLiteral("out of memory"));
        m_srcWidth = width;
        m_srcHeight = height;
        return Ok{};
    }

    Status add(const std::uint8_t *rgb, int64_t index)
    {
        if (av_frame_make_writable(m_frame.get()) < 0)
            return fail(QStringLiteral("out of memory"));
        const std::uint8_t *src[1] = {rgb};
        const int stride[1] = {3 * m_srcWidth};
        sws_scale(m_sws.get(), src, stride, 0, m_srcHeight, m_frame->data, m_frame->linesize);
        m_frame->pts = index;
        return send(m_frame.get());
    }

    Status finish()
    {
        if (auto st = send(nullptr); !st)
            return st;
        if (int e = av_write_trailer(m_out.get()); e < 0)
            return fail(QStringLiteral("cannot finish the file (%1)").arg(avErrorText(e)));
        m_out.reset();
        return Ok{};
    }

    ~Writer()
    {
        if (m_out) { // not finished: an error happened, remove the partial file
            m_out.reset();
            QFile::remove(m_path);
        }
    }

private:
    Status send(const AVFrame *frame)
    {
        if (int e = avcodec_send_frame(m_codec.get(), frame); e < 0)
            return fail(QStringLiteral("encoder refused a frame (%1)").arg(avErrorText(e)));
        for (;;) {
            const int e = avcodec_receive_packet(m_codec.get(), m_packet.get());
            if (e == AVERROR(EAGAIN) || e == AVERROR_EOF)
                return Ok{};
            if (e < 0)
                return fail(QStringLiteral("encoding failed (%1)").arg(avErrorText(e)));
            av_packet_rescale_ts(m_packet.get(), m_codec->time_base, m_stream->time_base);
            m_packet->stream_index = m_stream->index;
            if (int w = av_interleaved_write_frame(m_out.get(), m_packet.get()); w < 0)
                return fail(QStringLiteral("cannot write (%1)").arg(avErrorText(w)));
        }
    }

    Error fail(const QString &why) const
    {
        return makeError(QStringLiteral("io"), QStringLiteral("%1: %2").arg(m_path, why));
    }

    QString m_path;
    OutputPtr m_out;
    AVStream *m_stream = nullptr;
    CodecPtr m_codec;
    SwsPtr m_sws;
    FramePtr m_frame;
    PacketPtr m_packet;
    int m_width = 0, m_height = 0, m_srcWidth = 0, m_srcHeight = 0;
};

} // namespace

Status writeVideo(const QString &path, const std::vector<const std::uint8_t *> &rgbFrames, int width, int height,
                  double fps)
{
    if (rgbFrames.empty() || width <= 0 || height <= 0 || !(fps > 0))
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("%1: nothing to write (%2 frames of %3 x %4 at %5 fps)")
                             .arg(path)
                             .arg(rgbFrames.size())
                             .arg(width)
                             .arg(height)
                             .arg(fps));
    Writer w(path);
    if (auto st = w.open(width, height, fps); !st)
        return st;
    for (size_t i = 0; i < rgbFrames.size(); ++i)
        if (auto st = w.add(rgbFrames[i], int64_t(i)); !st)
            return st;
    return w.finish();
}

} // namespace avt::media
