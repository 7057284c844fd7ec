#include "core/media/probe.h"

#include "core/media/ffmpeg_util.h"

#include <algorithm>
#include <cmath>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

namespace avt::media {

using namespace detail;

namespace {

// Frames looked at to tell constant from variable frame rate.
constexpr int kRateProbeFrames = 60;
// Packets read at most for that (other streams interleave with the video).
constexpr int kRateProbePackets = 600;

double streamSeconds(const AVStream *s, const AVFormatContext *fmt)
{
    if (s->duration != AV_NOPTS_VALUE && s->duration > 0)
        return s->duration * av_q2d(s->time_base);
    if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0)
        return double(fmt->duration) / AV_TIME_BASE;
    return 0.0;
}

double rateOf(const AVStream *s)
{
    if (s->avg_frame_rate.num > 0 && s->avg_frame_rate.den > 0)
        return av_q2d(s->avg_frame_rate);
    if (s->r_frame_rate.num > 0 && s->r_frame_rate.den > 0)
        return av_q2d(s->r_frame_rate);
    return 0.0;
}

// Reads the first video packets and compares their intervals. Intervals that differ by more
// than a timestamp tick plus 10% mean a variable frame rate. Returns the mean interval's rate
// through *measuredRate (0 when too few packets).
bool scanVariableRate(Input &in, const AVStream *video, double *measuredRate)
{
    std::vector<int64_t> ts;
    PacketPtr pkt = makePacket();
    for (int n = 0; n < kRateProbePackets && int(ts.size()) < kRateProbeFrames && !in.deadline.passed(); ++n) {
        if (av_read_frame(in.fmt.get(), pkt.get()) < 0)
            break;
        if (pkt->stream_index == video->index) {
            // Decode timestamps: they rise steadily in file order, whereas presentation
            // times of a window cut in decode order miss the B-frames not read yet, which
            // would look like a gap.
            const int64_t t = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
            if (t != AV_NOPTS_VALUE)
                ts.push_back(t);
        }
        av_packet_unref(pkt.get());
    }
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    *measuredRate = 0.0;
    if (ts.size() < 3)
        return false;
    int64_t lo = INT64_MAX, hi = 0;
    for (size_t i = 1; i < ts.size(); ++i) {
        lo = std::min(lo, ts[i] - ts[i - 1]);
        hi = std::max(hi, ts[i] - ts[i - 1]);
    }
    const double meanTicks = double(ts.back() - ts.front()) / double(ts.size() - 1);
    *measuredRate = 1.0 / (meanTicks * av_q2d(video->time_base));
    return double(hi - lo) > 1.0 + 0.1 * double(lo);
}

void fillVideo(Input &in, const AVStream *v, MediaInfo *info)
{
    info->hasVideo = true;
    info->videoCodec = QString::fromLatin1(avcodec_get_name(v->codecpar->codec_id));
    info->width = v->codecpar->width;
    info->height = v->codecpar->height;
    info->videoDuration = streamSeconds(v, in.fmt.get());
    info->frameRate = rateOf(v);
    double measured = 0.0;
    info->variableFrameRate = scanVariableRate(in, v, &measured);
    if (info->frameRate <= 0.0)
        info->frameRate = measured;
    info->frameCount = v->nb_frames > 0 ? v->nb_frames : qint64(std::llround(info->videoDuration * info->frameRate));
}

void fillAudio(Input &in, const AVStream *a, MediaInfo *info)
{
    info->hasAudio = true;
    info->audioCodec = QString::fromLatin1(avcodec_get_name(a->codecpar->codec_id));
    info->audioRate = a->codecpar->sample_rate;
    info->audioChannels = a->codecpar->ch_layout.nb_channels;
    info->audioDuration = streamSeconds(a, in.fmt.get());
}

} // namespace

void setFfmpegLogQuiet(bool quiet) { av_log_set_level(quiet ? AV_LOG_QUIET : AV_LOG_WARNING); }

Result<MediaInfo> probeMedia(const QString &path, double timeoutSeconds)
{
    Input in(path, timeoutSeconds);
    if (Status opened = in.open(); !opened)
        return opened.error();

    MediaInfo info;
    info.path = path;
    info.container = QString::fromLatin1(in.fmt->iformat->name);
    const AVStream *video = bestStream(in.fmt.get(), AVMEDIA_TYPE_VIDEO);
    const AVStream *audio = bestStream(in.fmt.get(), AVMEDIA_TYPE_AUDIO);
    if (!video && !audio)
        return makeMediaError(MediaError::Empty, path, QStringLiteral("no audio or video stream"));
    const bool decodable = (video && avcodec_find_decoder(video->codecpar->codec_id))
                           || (audio && avcodec_find_decoder(audio->codecpar->codec_id));
    if (!decodable)
        return makeMediaError(MediaError::Unsupported, path, QStringLiteral("no decoder for any stream"));
    if (audio)
        fillAudio(in, audio, &info);
    if (video)
        fillVideo(in, video, &info);
    if (in.deadline.passed())
        return in.failure(AVERROR_EXIT, QStringLiteral("probing"));

    if (in.fmt->duration != AV_NOPTS_VALUE && in.fmt->duration > 0)
        info.duration = double(in.fmt->duration) / AV_TIME_BASE;
    else
        info.duration = std::max(info.videoDuration, info.audioDuration);
    return info;
}

} // namespace avt::media
