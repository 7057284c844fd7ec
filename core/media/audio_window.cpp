#include "core/media/audio_window.h"

#include <algorithm>
#include <cmath>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

namespace avt::media::detail {

namespace {
// A jump between a frame's timestamp and where the previous samples ended that is larger than
// this (seconds) is a gap or overlap in the stream: samples are placed by the new timestamp.
constexpr double kResyncSeconds = 0.05;
} // namespace

AudioWindow::AudioWindow(const Input &input, const AVStream *stream, double start, double length, int rate)
    : m_input(input), m_stream(stream), m_start(start), m_rate(rate),
      m_out(size_t(std::max<qint64>(0, std::llround(length * rate))), 0.0f)
{}

void AudioWindow::restart()
{
    std::fill(m_out.begin(), m_out.end(), 0.0f);
    m_lo = m_hi = 0;
    m_swr.reset();
    m_inFormat = -1;
}

double AudioWindow::firstTime() const
{
    if (m_hi <= m_lo)
        return std::numeric_limits<double>::infinity();
    return m_start + double(m_lo) / m_rate;
}

double AudioWindow::coveredEnd() const { return m_hi <= m_lo ? m_start : m_start + double(m_hi) / m_rate; }

Status AudioWindow::setup(const AVFrame *frame)
{
    m_swr.reset();
    SwrContext *raw = nullptr;
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    AVChannelLayout in = frame->ch_layout; // swr_alloc_set_opts2 takes non-const pointers
    int err = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, m_rate, &in, AVSampleFormat(frame->format),
                                  frame->sample_rate, 0, nullptr);
    m_swr.reset(raw);
    if (err < 0 || !m_swr)
        return makeMediaError(MediaError::Unsupported, m_input.path,
                              QStringLiteral("cannot resample this audio: %1").arg(avErrorText(err)));
    // Mono = the plain average of all channels (FFmpeg's default downmix weights differ).
    const int channels = std::max(1, frame->ch_layout.nb_channels);
    std::vector<double> matrix(size_t(channels), 1.0 / channels);
    err = swr_set_matrix(m_swr.get(), matrix.data(), channels);
    if (err >= 0)
        err = swr_init(m_swr.get());
    if (err < 0)
        return makeMediaError(MediaError::Unsupported, m_input.path,
                              QStringLiteral("cannot resample this audio: %1").arg(avErrorText(err)));
    m_inRate = frame->sample_rate;
    m_inFormat = frame->format;
    m_inChannels = frame->ch_layout.nb_channels;
    m_fed = 0;
    m_produced = 0;
    return Ok{};
}

Status AudioWindow::offer(const AVFrame *frame)
{
    if (frame->nb_samples <= 0 || frame->sample_rate <= 0)
        return Ok{};
    const int64_t ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
    const bool changed =
        frame->format != m_inFormat || frame->sample_rate != m_inRate || frame->ch_layout.nb_channels != m_inChannels;
    if (!m_swr || changed) {
        if (m_swr) // parameters changed mid-stream: drain the old resampler first
            if (Status s = finish(); !s)
                return s;
        if (Status s = setup(frame); !s)
            return s;
        m_anchor = ts != AV_NOPTS_VALUE ? m_input.seconds(ts, m_stream) : m_start;
    } else if (ts != AV_NOPTS_VALUE) {
        const double expected = m_anchor + double(m_fed) / m_inRate;
        const double actual = m_input.seconds(ts, m_stream);
        if (std::abs(actual - expected) > kResyncSeconds)
            m_anchor += actual - expected;
    }
    const int room = swr_get_out_samples(m_swr.get(), frame->nb_samples);
    m_scratch.resize(size_t(std::max(room, 0)));
    uint8_t *out = reinterpret_cast<uint8_t *>(m_scratch.data());
    const int got =
        swr_convert(m_swr.get(), &out, room, const_cast<const uint8_t **>(frame->extended_data), frame->nb_samples);
    if (got < 0)
        return makeMediaError(MediaError::Corrupt, m_input.path,
                              QStringLiteral("resampling failed: %1").arg(avErrorText(got)));
    m_fed += frame->nb_samples;
    place(m_scratch.data(), got);
    return Ok{};
}

Status AudioWindow::finish()
{
    if (!m_swr)
        return Ok{};
    const int room = swr_get_out_samples(m_swr.get(), 0);
    if (room <= 0)
        return Ok{};
    m_scratch.resize(size_t(room));
    uint8_t *out = reinterpret_cast<uint8_t *>(m_scratch.data());
    const int got = swr_convert(m_swr.get(), &out, room, nullptr, 0);
    if (got > 0)
        place(m_scratch.data(), got);
    return Ok{};
}

void AudioWindow::place(const float *samples, int count)
{
    // Output sample k after the anchor belongs at time anchor + k / rate.
    const qint64 base = std::llround((m_anchor - m_start) * m_rate) + m_produced;
    m_produced += count;
    const qint64 n = qint64(m_out.size());
    const qint64 from = std::max<qint64>(0, base), to = std::min<qint64>(n, base + count);
    if (from >= to)
        return;
    std::copy(samples + (from - base), samples + (to - base), m_out.begin() + from);
    if (m_hi <= m_lo) {
        m_lo = from;
        m_hi = to;
    } else {
        m_lo = std::min(m_lo, from);
        m_hi = std::max(m_hi, to);
    }
}

} // namespace avt::media::detail
