#include "core/media/decode.h"

#include "core/media/audio_window.h"
#include "core/media/ffmpeg_util.h"
#include "core/media/video_sampler.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>
#include <set>

namespace avt::media {

using namespace detail;

namespace {

// Seek this far (seconds) before the window, so that the frame just before the first wanted
// time and audio packets stored slightly ahead of the video are decoded too.
constexpr double kSeekMargin = 0.5;
// Windows starting earlier than this are decoded from the file's start, without seeking.
constexpr double kNoSeekBelow = 0.6;
// Audio that starts this much later than both the window and the stream is a missed seek.
constexpr double kAudioLateSeconds = 0.02;

// How one decoding pass ended.
struct PassEnd {
    int readError = 0; // 0: stopped because everything wanted was decoded; else av_read_frame's
    int decodeErrors = 0;
    int videoFrames = 0; // frames the video decoder returned
};

// The decoders and consumers one pass feeds.
struct Streams {
    AVStream *video = nullptr;
    AVCodecContext *videoCtx = nullptr;
    VideoSampler *sampler = nullptr;
    AVStream *audio = nullptr;
    AVCodecContext *audioCtx = nullptr;
    AudioWindow *window = nullptr;
    bool skipUnwanted = false; // let the decoder drop non-reference frames no wanted time needs
};

// Video packets read ahead of the decoder (H.264 reorders at most 16 frames).
constexpr size_t kLookahead = 16;

Status validate(const QString &path, const ClipRequest &r)
{
    QString bad;
    if (!(r.start >= 0.0) || !std::isfinite(r.start))
        bad = QStringLiteral("window start %1 s is negative").arg(r.start);
    else if (!std::isfinite(r.length))
        bad = QStringLiteral("window length is not finite");
    else if (r.numFrames < 0 || r.stride < 0.0 || r.shortSide < 0 || r.cropSize < 0)
        bad = QStringLiteral("negative frame count, stride or size");
    else if (r.video && r.numFrames == 0 && r.stride <= 0.0)
        bad = QStringLiteral("frames requested but neither a frame count nor a stride given");
    else if (r.audio && (r.audioRate < 1000 || r.audioRate > 384000))
        bad = QStringLiteral("audio rate %1 Hz out of range 1000..384000").arg(r.audioRate);
    else if (!r.video && !r.audio)
        bad = QStringLiteral("neither video nor audio requested");
    if (bad.isEmpty())
        return Ok{};
    return makeMediaError(MediaError::InvalidRequest, path, bad);
}

std::vector<double> wantedTimes(const ClipRequest &r, double start, double length)
{
    std::vector<double> times;
    if (r.stride > 0.0) {
        const double end = start + length;
        for (int k = 0; start + k * r.stride < end - 1e-9; ++k) {
            if (r.numFrames > 0 && k >= r.numFrames)
                break;
            times.push_back(start + k * r.stride);
        }
    } else {
        for (int i = 0; i < r.numFrames; ++i)
            times.push_back(start + (i + 0.5) * length / r.numFrames);
    }
    return times;
}

// Seconds at which a stream ends according to the header (0 when unknown).
double promisedEnd(const Input &in, const AVStream *s)
{
    if (s->duration != AV_NOPTS_VALUE && s->duration > 0) {
        const int64_t first = s->start_time != AV_NOPTS_VALUE ? s->start_time : 0;
        return in.seconds(first + s->duration, s);
    }
    if (in.fmt->duration != AV_NOPTS_VALUE && in.fmt->duration > 0)
        return double(in.fmt->duration) / AV_TIME_BASE;
    return 0.0;
}

void seekTo(Input &in, double seconds, const AVStream *stream)
{
    int err = -1;
    if (seconds > 0.0) {
        const int64_t ts = stream ? int64_t(std::floor((seconds + in.origin()) / av_q2d(stream->time_base)))
                                  : int64_t(std::floor((seconds + in.origin()) * AV_TIME_BASE));
        err = av_seek_frame(in.fmt.get(), stream ? stream->index : -1, ts, AVSEEK_FLAG_BACKWARD);
    }
    if (err < 0) // no seek wanted, or the format cannot seek there: start from the beginning
        avformat_seek_file(in.fmt.get(), -1, INT64_MIN, in.fmt->start_time != AV_NOPTS_VALUE ? in.fmt->start_time : 0,
                           INT64_MAX, 0);
}

// Sends one packet (nullptr: drain) and hands every frame the decoder returns to `consume`.
template <class Consume>
Status decodePacket(const Input &in, AVCodecContext *ctx, const AVPacket *pkt, AVFrame *frame, int *errors,
                    Consume &&consume)
{
    int err = avcodec_send_packet(ctx, pkt);
    if (err < 0 && err != AVERROR(EAGAIN) && err != AVERROR_EOF) {
        ++*errors; // a damaged packet: skip it, the decoder conceals what it can
        return Ok{};
    }
    for (;;) {
        err = avcodec_receive_frame(ctx, frame);
        if (err == AVERROR(EAGAIN) || err == AVERROR_EOF)
            return Ok{};
        if (err < 0) {
            ++*errors;
            return Ok{};
        }
        if (frame->decode_error_flags != 0)
            ++*errors;
        Status s = consume(frame);
        av_frame_unref(frame);
        if (!s)
            return s;
        if (in.deadline.passed())
            return in.failure(AVERROR_EXIT, QStringLiteral("decoding"));
    }
}

// Whether the frame nearest each wanted time still open (ties: the earlier) is among the video
// packets read and no longer `pending`, so that draining the decoder now yields the frames that
// feeding it further would. A packet not read yet has a later time than the 17th latest of those
// read: H.264 and HEVC output at most 16 frames out of decode order (the DPB's limit).
bool nearestFramesSent(const Input &in, const Streams &st, const std::set<int64_t> &seenPts,
                       const std::deque<PacketPtr> &pending)
{
    if (seenPts.size() <= kLookahead)
        return false;
    const double unreadAfter = in.seconds(*std::next(seenPts.rbegin(), kLookahead), st.video);
    const double tb = av_q2d(st.video->time_base);
    for (const double w : st.sampler->openWanted()) {
        // The nearest read frame: a couple of candidates either side of w's timestamp.
        auto it = seenPts.lower_bound(int64_t(std::floor((w + in.origin()) / tb)));
        for (int k = 0; k < 2 && it != seenPts.begin(); ++k)
            --it;
        int64_t best = AV_NOPTS_VALUE;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (int k = 0; k < 5 && it != seenPts.end(); ++k, ++it) {
            const double d = std::abs(in.seconds(*it, st.video) - w);
            if (d < bestDistance) { // ascending order: a tie keeps the earlier frame
                bestDistance = d;
                best = *it;
            }
        }
        if (best == AV_NOPTS_VALUE || !(bestDistance < unreadAfter - w))
            return false; // a frame not read yet could be nearer
        for (const PacketPtr &p : pending)
            if (p->pts == best)
                return false; // not sent yet
    }
    return true;
}

// Reads packets from the current position until every consumer is satisfied or the data end.
Result<PassEnd> runPass(Input &in, const Streams &st)
{
    PassEnd end;
    PacketPtr pkt = makePacket();
    FramePtr frame = makeFrame();
    auto offerVideo = [&](const AVFrame *f) {
        ++end.videoFrames;
        return st.sampler->offer(f);
    };
    auto offerAudio = [&](const AVFrame *f) { return st.window->offer(f); };
    bool videoDrained = false; // the decoder was drained early: no more video packets
    auto videoDone = [&] { return !st.sampler || st.sampler->done() || videoDrained; };
    auto satisfied = [&] { return videoDone() && (!st.window || st.window->done()); };
    // Decode less: a frame that no other frame references (a non-reference B frame) is dropped
    // by the decoder unseen unless it can be the nearest frame to a wanted time, judged from the
    // timestamps of the packets read so far (the packet's neighbours in presentation order, at
    // most kLookahead packets later in decode order; an unknown neighbour counts as infinitely
    // far, which only keeps more). So the frames chosen are those of decoding every frame.
    std::deque<PacketPtr> pending;
    std::set<int64_t> seenPts;
    bool allPts = true; // every video packet read has a timestamp (else no early drain)
    auto sendVideo = [&](AVPacket *p) -> Status {
        bool keep = !st.skipUnwanted || p->pts == AV_NOPTS_VALUE;
        if (!keep) {
            const auto it = seenPts.find(p->pts);
            const double inf = std::numeric_limits<double>::infinity();
            const double prev = it != seenPts.begin() ? in.seconds(*std::prev(it), st.video) : -inf;
            const double next = std::next(it) != seenPts.end() ? in.seconds(*std::next(it), st.video) : inf;
            keep = st.sampler->mayBeNearest(in.seconds(p->pts, st.video), prev, next);
        }
        st.videoCtx->skip_frame = keep ? AVDISCARD_DEFAULT : AVDISCARD_NONREF;
        return decodePacket(in, st.videoCtx, p, frame.get(), &end.decodeErrors, offerVideo);
    };
    auto drainVideo = [&]() -> Status {
        videoDrained = true;
        pending.clear();
        return decodePacket(in, st.videoCtx, nullptr, frame.get(), &end.decodeErrors, offerVideo);
    };
    while (!satisfied()) {
        if (in.deadline.passed())
            return in.failure(AVERROR_EXIT, QStringLiteral("decoding"));
        const int err = av_read_frame(in.fmt.get(), pkt.get());
        if (err == AVERROR_EXIT || in.deadline.passed())
            return in.failure(AVERROR_EXIT, QStringLiteral("reading"));
        if (err < 0) {
            end.readError = err;
            break;
        }
        Status s = Ok{};
        if (st.sampler && pkt->stream_index == st.video->index && !videoDone()) {
            // Held back kLookahead packets, so that a packet's neighbours in presentation order
            // are known when the decoder gets it (see sendVideo).
            if (pkt->pts != AV_NOPTS_VALUE)
                seenPts.insert(pkt->pts);
            else
                allPts = false;
            PacketPtr held = makePacket();
            av_packet_move_ref(held.get(), pkt.get());
            pending.push_back(std::move(held));
            if (pending.size() > kLookahead) {
                s = sendVideo(pending.front().get());
                pending.pop_front();
                if (s && st.skipUnwanted && allPts && !st.sampler->done()
                    && nearestFramesSent(in, st, seenPts, pending))
                    s = drainVideo();
            }
        } else if (st.window && pkt->stream_index == st.audio->index && !st.window->done())
            s = decodePacket(in, st.audioCtx, pkt.get(), frame.get(), &end.decodeErrors, offerAudio);
        av_packet_unref(pkt.get());
        if (!s)
            return s.error();
    }
    if (end.readError != 0) { // drain what the decoders still hold
        for (; st.sampler && !pending.empty() && !videoDone(); pending.pop_front())
            if (Status s = sendVideo(pending.front().get()); !s)
                return s.error();
        if (st.sampler && !videoDrained)
            if (Status s = drainVideo(); !s)
                return s.error();
        if (st.window)
            if (Status s = decodePacket(in, st.audioCtx, nullptr, frame.get(), &end.decodeErrors, offerAudio); !s)
                return s.error();
    }
    if (st.sampler)
        if (Status s = st.sampler->finish(); !s)
            return s.error();
    if (st.window)
        if (Status s = st.window->finish(); !s)
            return s.error();
    return end;
}

// The error for data that stopped before the header said they would.
Error shortData(const Input &in, const PassEnd &end, const QString &what)
{
    if (end.readError == AVERROR_EOF && end.decodeErrors == 0)
        return makeMediaError(MediaError::Truncated, in.path, what);
    return makeMediaError(MediaError::Corrupt, in.path,
                          QStringLiteral("%1 (%2 damaged packets)").arg(what).arg(end.decodeErrors));
}

// Checks that the video decoded reaches as far as the header promises.
Status checkVideo(const Input &in, const AVStream *video, const VideoSampler &sampler, const PassEnd &end)
{
    const double promised = promisedEnd(in, video);
    if (!sampler.sawFrames()) {
        if (promised <= 0.0 && video->nb_frames == 0)
            return makeMediaError(MediaError::Empty, in.path, QStringLiteral("the video stream has no frames"));
        return shortData(in, end, QStringLiteral("no video frame could be decoded for the window"));
    }
    const double rate = av_q2d(video->avg_frame_rate);
    const double tolerance = std::max(0.5, rate > 0 ? 3.0 / rate : 0.0);
    const double reachable = std::min(sampler.lastWanted(), promised - tolerance);
    if (end.readError != 0 && sampler.lastTime() < reachable - tolerance)
        return shortData(in, end,
                         QStringLiteral("video data stop at %1 s, the header promises %2 s")
                             .arg(sampler.lastTime(), 0, 'f', 2)
                             .arg(promised, 0, 'f', 2));
    return Ok{};
}

Status checkAudio(const Input &in, const AVStream *audio, const AudioWindow &window, double windowEnd,
                  const PassEnd &end)
{
    const double promised = promisedEnd(in, audio);
    const double needed = std::min(windowEnd, promised) - 0.25;
    if (end.readError != 0 && window.coveredEnd() < needed)
        return shortData(in, end,
                         QStringLiteral("audio data stop at %1 s, the header promises %2 s")
                             .arg(window.coveredEnd(), 0, 'f', 2)
                             .arg(promised, 0, 'f', 2));
    return Ok{};
}

double fileDuration(const Input &in, const AVStream *video, const AVStream *audio)
{
    if (in.fmt->duration != AV_NOPTS_VALUE && in.fmt->duration > 0)
        return double(in.fmt->duration) / AV_TIME_BASE;
    return std::max(video ? promisedEnd(in, video) : 0.0, audio ? promisedEnd(in, audio) : 0.0);
}

// The window's length, cut to the file (the request's start is kept).
Result<double> resolveWindow(const Input &in, const Streams &st, const ClipRequest &request)
{
    const double duration = fileDuration(in, st.video, st.audio);
    double length = request.length;
    if (length <= 0.0) {
        if (duration <= 0.0)
            return makeMediaError(MediaError::InvalidRequest, in.path,
                                  QStringLiteral("unknown duration: give a window length"));
        length = duration - request.start;
    }
    if (duration > 0.0) {
        if (request.start >= duration)
            return makeMediaError(
                MediaError::InvalidRequest, in.path,
                QStringLiteral("window start %1 s is beyond the end (%2 s)").arg(request.start).arg(duration));
        length = std::min(length, duration - request.start);
    }
    if (length > kMaxWindowSeconds)
        return makeMediaError(MediaError::InvalidRequest, in.path,
                              QStringLiteral("a window of %1 s (the file claims %2 s) is longer than the %3 s that are "
                                             "decoded at once: give a shorter window")
                                  .arg(length, 0, 'f', 0)
                                  .arg(duration, 0, 'f', 0)
                                  .arg(kMaxWindowSeconds, 0, 'f', 0));
    return length;
}

// Decodes the audio again after a seek that landed after audio stored ahead of the video,
// seeking on the audio stream itself.
Status redoAudio(Input &in, const Streams &st, double start, PassEnd *end)
{
    const double audioStart = st.audio->start_time != AV_NOPTS_VALUE ? in.seconds(st.audio->start_time, st.audio) : 0.0;
    if (audioStart >= start)
        return Ok{};
    st.window->restart();
    avcodec_flush_buffers(st.audioCtx);
    seekTo(in, start - kSeekMargin, st.audio);
    Streams audioOnly = st;
    audioOnly.sampler = nullptr;
    auto again = runPass(in, audioOnly);
    if (!again)
        return again.error();
    end->decodeErrors += again->decodeErrors;
    end->readError = again->readError;
    return Ok{};
}

DecodedClip assemble(const ClipRequest &request, double start, double length, const PassEnd &end, VideoSampler *sampler,
                     AudioWindow *window)
{
    DecodedClip clip;
    clip.start = start;
    clip.length = length;
    clip.decodeErrors = end.decodeErrors;
    clip.decodedFrames = end.videoFrames;
    clip.audioRate = request.audioRate;
    if (sampler) {
        clip.frames = sampler->frames();
        clip.frameTimes = sampler->frameTimes();
        clip.wantedTimes = sampler->wantedTimes();
    }
    if (request.audio) {
        clip.hasAudio = window != nullptr;
        if (window) {
            clip.audioPadded = window->padded();
            clip.audio = window->take();
        } else {
            clip.audio.assign(size_t(std::max<qint64>(0, std::llround(length * request.audioRate))), 0.0f);
            clip.audioPadded = qint64(clip.audio.size());
        }
    }
    return clip;
}

} // namespace

Result<DecodedClip> decodeClip(const QString &path, const ClipRequest &request)
{
    if (Status ok = validate(path, request); !ok)
        return ok.error();
    Input in(path, request.timeoutSeconds);
    if (Status opened = in.open(/*trustHeader=*/true); !opened)
        return opened.error();

    Streams st;
    st.video = request.video ? bestStream(in.fmt.get(), AVMEDIA_TYPE_VIDEO) : nullptr;
    st.audio = request.audio ? bestStream(in.fmt.get(), AVMEDIA_TYPE_AUDIO) : nullptr;
    if (request.video && !st.video)
        return makeMediaError(MediaError::NoVideo, path,
                              QStringLiteral("frames requested but the file has no video stream"));
    if (!st.video && !bestStream(in.fmt.get(), AVMEDIA_TYPE_AUDIO))
        return makeMediaError(MediaError::Empty, path, QStringLiteral("no audio or video stream"));

    auto windowLength = resolveWindow(in, st, request);
    if (!windowLength)
        return windowLength.error();
    const double start = request.start, length = *windowLength;

    // Demux only what is decoded.
    for (unsigned i = 0; i < in.fmt->nb_streams; ++i)
        if (in.fmt->streams[i] != st.video && in.fmt->streams[i] != st.audio)
            in.fmt->streams[i]->discard = AVDISCARD_ALL;

    CodecPtr videoCtx, audioCtx;
    std::optional<VideoSampler> sampler;
    std::optional<AudioWindow> window;
    if (st.video) {
        auto ctx = openDecoder(in, st.video, request.threads);
        if (!ctx)
            return ctx.error();
        videoCtx = std::move(*ctx);
        st.videoCtx = videoCtx.get();
        std::vector<double> times = wantedTimes(request, start, length);
        if (times.empty())
            return makeMediaError(MediaError::InvalidRequest, path,
                                  QStringLiteral("no frame time falls in the window"));
        sampler.emplace(in, st.video, std::move(times), request);
        st.sampler = &*sampler;
        st.skipUnwanted = request.skipUnwantedFrames;
    }
    if (st.audio) {
        auto ctx = openDecoder(in, st.audio, request.threads);
        if (!ctx)
            return ctx.error();
        audioCtx = std::move(*ctx);
        st.audioCtx = audioCtx.get();
        window.emplace(in, st.audio, start, length, request.audioRate);
        st.window = &*window;
    }

    const bool seeking = start >= kNoSeekBelow;
    if (seeking)
        seekTo(in, start - kSeekMargin, nullptr);
    auto pass = runPass(in, st);
    if (!pass)
        return pass.error();
    PassEnd end = *pass;

    if (window && seeking && window->firstTime() > start + kAudioLateSeconds)
        if (Status s = redoAudio(in, st, start, &end); !s)
            return s.error();

    if (sampler)
        if (Status s = checkVideo(in, st.video, *sampler, end); !s)
            return s.error();
    if (window)
        if (Status s = checkAudio(in, st.audio, *window, start + length, end); !s)
            return s.error();

    return assemble(request, start, length, end, sampler ? &*sampler : nullptr, window ? &*window : nullptr);
}

} // namespace avt::media
