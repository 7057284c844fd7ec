// ATen's IValue headers name a member `slots`, which QtCore defines as a macro: include
// them before any Qt header.
#include <ATen/ops/empty.h>

#include "core/media/video_sampler.h"

#include <algorithm>
#include <cmath>
#include <cstring>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace avt::media::detail {

VideoSampler::VideoSampler(const Input &input, const AVStream *stream, std::vector<double> wanted,
                           const ClipRequest &request)
    : m_input(input), m_stream(stream), m_wanted(std::move(wanted)), m_request(request), m_prev(makeFrame()),
      m_times(m_wanted.size(), 0.0)
{
    if (request.cropMode == CropMode::Random) {
        std::mt19937 local(static_cast<std::mt19937::result_type>(request.seed));
        std::mt19937 &rng = request.rng ? *request.rng : local;
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        m_cropU = unit(rng);
        m_cropV = unit(rng);
    }
}

Status VideoSampler::offer(const AVFrame *frame)
{
    int64_t ts = frame->best_effort_timestamp;
    if (ts == AV_NOPTS_VALUE)
        ts = frame->pts;
    double t = 0.0;
    if (ts != AV_NOPTS_VALUE) {
        t = m_input.seconds(ts, m_stream);
    } else if (m_prevTime) {
        const double rate = av_q2d(m_stream->avg_frame_rate);
        t = *m_prevTime + (rate > 0 ? 1.0 / rate : 0.04);
    }
    if (m_prevTime) {
        if (t <= *m_prevTime)
            return Ok{}; // out-of-order or duplicate timestamp: keep the frame we hold
        // The held frame is the nearest for every wanted time up to the midpoint (ties: earlier).
        const double mid = 0.5 * (*m_prevTime + t);
        while (m_next < m_wanted.size() && m_wanted[m_next] <= mid) {
            if (Status s = writeSlot(m_next); !s)
                return s;
            ++m_next;
        }
    }
    av_frame_unref(m_prev.get());
    if (av_frame_ref(m_prev.get(), frame) < 0)
        return makeMediaError(MediaError::Corrupt, m_input.path, QStringLiteral("out of memory"));
    m_prevTime = t;
    m_prevSlot = -1;
    return Ok{};
}

bool VideoSampler::mayBeNearest(double t, double prev, double next) const
{
    const double lo = std::isinf(prev) ? prev : 0.5 * (prev + t) - 1e-9;
    const double hi = std::isinf(next) ? next : 0.5 * (t + next) + 1e-9;
    const auto it = std::lower_bound(m_wanted.begin() + std::ptrdiff_t(m_next), m_wanted.end(), lo);
    return it != m_wanted.end() && *it <= hi;
}

Status VideoSampler::finish()
{
    if (!m_prevTime)
        return Ok{};
    for (; m_next < m_wanted.size(); ++m_next)
        if (Status s = writeSlot(m_next); !s)
            return s;
    return Ok{};
}

Status VideoSampler::plan(const AVFrame *frame)
{
    if (frame->width == m_planW && frame->height == m_planH && frame->format == m_planFormat && m_sws)
        return Ok{};
    const int w = frame->width, h = frame->height;
    if (w <= 0 || h <= 0)
        return makeMediaError(MediaError::Corrupt, m_input.path, QStringLiteral("decoded frame has no size"));
    const int side = m_request.shortSide;
    const double f = side > 0 ? double(side) / std::min(w, h) : 1.0;         // resize factor
    const int rw = side > 0 ? (w <= h ? side : int(std::lround(w * f))) : w; // resized size
    const int rh = side > 0 ? (h < w ? side : int(std::lround(h * f))) : h;
    const int crop = m_request.cropSize;
    Geometry g;
    if (crop > 0) {
        if (crop > std::min(rw, rh))
            return makeMediaError(
                MediaError::InvalidRequest, m_input.path,
                QStringLiteral("crop %1 is larger than the resized frame %2x%3").arg(crop).arg(rw).arg(rh));
        // The crop, mapped back to source pixels; chroma-subsampled formats need even offsets.
        const auto *desc = av_pix_fmt_desc_get(AVPixelFormat(frame->format));
        const int alignX = desc ? 1 << desc->log2_chroma_w : 1;
        const int alignY = desc ? 1 << desc->log2_chroma_h : 1;
        const int ox = std::min(rw - crop, int(m_cropU * (rw - crop + 1)));
        const int oy = std::min(rh - crop, int(m_cropV * (rh - crop + 1)));
        g.srcW = std::clamp(int(std::lround(crop / f)), 1, w);
        g.srcH = std::clamp(int(std::lround(crop / f)), 1, h);
        g.srcX = std::clamp(int(std::lround(ox / f)) / alignX * alignX, 0, w - g.srcW);
        g.srcY = std::clamp(int(std::lround(oy / f)) / alignY * alignY, 0, h - g.srcH);
        g.outW = g.outH = crop;
    } else {
        g.srcW = w;
        g.srcH = h;
        g.outW = rw;
        g.outH = rh;
    }
    if (m_frames.defined()) { // the output size is fixed by the first frame
        g.outH = int(m_frames.size(1));
        g.outW = int(m_frames.size(2));
    }
    m_sws.reset(sws_getContext(g.srcW, g.srcH, AVPixelFormat(frame->format), g.outW, g.outH, AV_PIX_FMT_RGB24,
                               SWS_BILINEAR, nullptr, nullptr, nullptr));
    if (!m_sws)
        return makeMediaError(MediaError::Unsupported, m_input.path,
                              QStringLiteral("cannot convert pixel format %1 to RGB")
                                  .arg(QString::fromLatin1(av_get_pix_fmt_name(AVPixelFormat(frame->format)))));
    if (!m_frames.defined())
        m_frames = at::empty({int64_t(m_wanted.size()), g.outH, g.outW, 3}, at::kByte); // [T, H, W, 3]
    m_geo = g;
    m_planW = w;
    m_planH = h;
    m_planFormat = frame->format;
    return Ok{};
}

Status VideoSampler::writeSlot(size_t index)
{
    m_times[index] = *m_prevTime;
    if (m_prevSlot >= 0) { // the same frame serves several wanted times: copy the slot
        m_frames[int64_t(index)].copy_(m_frames[m_prevSlot]);
        return Ok{};
    }
    if (Status s = plan(m_prev.get()); !s)
        return s;
    // A shallow reference whose data pointers start at the crop rectangle.
    FramePtr view = makeFrame();
    if (!view || av_frame_ref(view.get(), m_prev.get()) < 0)
        return makeMediaError(MediaError::Corrupt, m_input.path, QStringLiteral("out of memory"));
    view->crop_left = size_t(m_geo.srcX);
    view->crop_top = size_t(m_geo.srcY);
    view->crop_right = size_t(view->width - m_geo.srcX - m_geo.srcW);
    view->crop_bottom = size_t(view->height - m_geo.srcY - m_geo.srcH);
    if (av_frame_apply_cropping(view.get(), AV_FRAME_CROP_UNALIGNED) < 0)
        return makeMediaError(MediaError::Unsupported, m_input.path, QStringLiteral("cannot crop this pixel format"));

    uint8_t *dst[4] = {m_frames[int64_t(index)].data_ptr<uint8_t>(), nullptr, nullptr, nullptr};
    const int dstStride[4] = {3 * m_geo.outW, 0, 0, 0};
    sws_scale(m_sws.get(), view->data, view->linesize, 0, view->height, dst, dstStride);
    m_prevSlot = int(index);
    return Ok{};
}

} // namespace avt::media::detail
