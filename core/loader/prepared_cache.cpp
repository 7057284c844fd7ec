#include <ATen/ATen.h>

#include "core/loader/prepared_cache.h"

#include <QCryptographicHash>
#include <QFileInfo>

#include <cmath>
#include <cstring>
#include <map>
#include <unistd.h>
#include <zlib.h>

namespace avt::loader {

namespace {

constexpr char kMagic[8] = {'A', 'V', 'T', 'C', 'L', 'I', 'P', '1'};
constexpr int kFormatVersion = 1;
constexpr qint64 kAlign = 64;

// The 64-byte record header, little-endian on the machines we run on (x86-64, aarch64).
struct RecordHeader {
    char magic[8];
    quint64 payloadBytes;
    quint32 crc;
    quint32 flags; // 1: the file has audio
    qint32 frames, height, width;
    qint32 fbankBins;
    qint64 fbankRows;
    double start, length;
};
static_assert(sizeof(RecordHeader) == 64, "record header is 64 bytes");

qint64 alignUp(qint64 v, qint64 a) { return (v + a - 1) / a * a; }

quint32 crc32Of(const uchar *data, qint64 bytes)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    while (bytes > 0) {
        const uInt chunk = uInt(std::min<qint64>(bytes, 1 << 30));
        crc = crc32(crc, data, chunk);
        data += chunk;
        bytes -= chunk;
    }
    return quint32(crc);
}

Error corrupt(const QString &file, qint64 offset, const QString &what)
{
    return makeError(QStringLiteral("corrupt"),
                     QStringLiteral("prepared clip cache %1: record at byte %2: %3").arg(file).arg(offset).arg(what));
}

} // namespace

QString PreparedSpec::text() const
{
    return QStringLiteral("format=%1\nframes=%2\nshort_side=%3\naudio_rate=%4\nmel_bins=%5\nfbank=kaldi-ast\n")
        .arg(kFormatVersion)
        .arg(numFrames)
        .arg(shortSide)
        .arg(audioRate)
        .arg(melBins);
}

QString PreparedSpec::hash() const
{
    return QString::fromLatin1(QCryptographicHash::hash(text().toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
}

std::optional<PreparedSpec> PreparedSpec::parse(const QString &text)
{
    std::map<QString, int> v;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = line.section(QLatin1Char('='), 1).toInt(&ok);
        if (ok)
            v[line.section(QLatin1Char('='), 0, 0)] = n;
    }
    for (const char *k : {"format", "frames", "short_side", "audio_rate", "mel_bins"})
        if (!v.count(QLatin1String(k)))
            return std::nullopt;
    PreparedSpec s;
    s.numFrames = v[QStringLiteral("frames")];
    s.shortSide = v[QStringLiteral("short_side")];
    s.audioRate = v[QStringLiteral("audio_rate")];
    s.melBins = v[QStringLiteral("mel_bins")];
    return s;
}

QStringList PreparedSpec::differences(const PreparedSpec &other) const
{
    QStringList out;
    auto cmp = [&](const char *key, int a, int b) {
        if (a != b)
            out << QStringLiteral("%1: %2 -> %3").arg(QLatin1String(key)).arg(a).arg(b);
    };
    cmp("frames", numFrames, other.numFrames);
    cmp("short_side", shortSide, other.shortSide);
    cmp("audio_rate", audioRate, other.audioRate);
    cmp("mel_bins", melBins, other.melBins);
    return out;
}

QString preparedEntryKey(const QString &path, double start, double length)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return {};
    return QStringLiteral("%1|%2|%3|%4|%5")
        .arg(fi.absoluteFilePath())
        .arg(fi.size())
        .arg(fi.lastModified().toMSecsSinceEpoch())
        .arg(std::llround(start * 1e6))
        .arg(std::llround(length * 1e6));
}

// ---- reader ----

Result<std::shared_ptr<const PreparedClipCache>>
PreparedClipCache::open(const QString &dataFile, const PreparedSpec &spec,
                        std::unordered_map<QString, PreparedRecord> index)
{
    std::shared_ptr<PreparedClipCache> c(new PreparedClipCache);
    c->m_path = dataFile;
    c->m_spec = spec;
    c->m_checked.reset(new std::atomic<bool>[index.size()]);
    qint64 end = 0;
    size_t slot = 0;
    for (auto &[key, r] : index) {
        end = std::max(end, r.offset + r.bytes);
        c->m_checked[slot].store(false);
        c->m_index.emplace(key, Indexed{r, slot++});
    }
    c->m_file.setFileName(dataFile);
    if (!c->m_file.open(QIODevice::ReadOnly))
        return makeError(
            QStringLiteral("io"),
            QStringLiteral("cannot open prepared clip cache %1: %2").arg(dataFile, c->m_file.errorString()));
    c->m_size = c->m_file.size();
    if (end > c->m_size)
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("prepared clip cache %1 is %2 bytes but its index reaches byte %3 "
                                        "(the file was cut short)")
                             .arg(dataFile)
                             .arg(c->m_size)
                             .arg(end));
    if (c->m_size > 0) {
        c->m_map = c->m_file.map(0, c->m_size);
        if (!c->m_map)
            return makeError(
                QStringLiteral("io"),
                QStringLiteral("cannot map prepared clip cache %1: %2").arg(dataFile, c->m_file.errorString()));
    }
    c->m_self = c;
    return std::shared_ptr<const PreparedClipCache>(std::move(c));
}

PreparedClipCache::~PreparedClipCache() = default;

std::optional<Result<PreparedEntry>> PreparedClipCache::find(const QString &key) const
{
    const auto it = m_index.find(key);
    if (it == m_index.end())
        return std::nullopt;
    return read(it->second.record, &m_checked[it->second.checked]);
}

Status PreparedClipCache::verify(const PreparedRecord &record) const
{
    auto r = read(record, nullptr);
    if (!r)
        return r.error();
    return Ok{};
}

Result<PreparedEntry> PreparedClipCache::read(const PreparedRecord &rec, std::atomic<bool> *checked) const
{
    if (rec.offset < 0 || rec.bytes < qint64(sizeof(RecordHeader)) || rec.offset + rec.bytes > m_size)
        return corrupt(m_path, rec.offset, QStringLiteral("outside the file (%1 bytes)").arg(m_size));
    RecordHeader h;
    std::memcpy(&h, m_map + rec.offset, sizeof h);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0)
        return corrupt(m_path, rec.offset, QStringLiteral("no record header there"));
    const qint64 frameBytes = qint64(h.frames) * h.height * h.width * 3;
    const qint64 fbankOffset = alignUp(frameBytes, 4);
    const qint64 fbankBytes = h.fbankRows * h.fbankBins * qint64(sizeof(float));
    if (h.frames < 0 || h.height < 0 || h.width < 0 || h.fbankRows < 0 || h.fbankBins < 0
        || qint64(h.payloadBytes) != fbankOffset + fbankBytes || qint64(sizeof h) + qint64(h.payloadBytes) > rec.bytes)
        return corrupt(m_path, rec.offset, QStringLiteral("inconsistent sizes in the record header"));
    const uchar *payload = m_map + rec.offset + qint64(sizeof h);
    if (h.crc != rec.crc)
        return corrupt(m_path, rec.offset,
                       QStringLiteral("checksum mismatch (header %1, index %2)")
                           .arg(h.crc, 8, 16, QLatin1Char('0'))
                           .arg(rec.crc, 8, 16, QLatin1Char('0')));
    const bool verify = !checked || !checked->load(std::memory_order_acquire);
    const quint32 crc = verify ? crc32Of(payload, qint64(h.payloadBytes)) : h.crc;
    if (verify && checked && crc == h.crc)
        checked->store(true, std::memory_order_release);
    if (crc != h.crc)
        return corrupt(m_path, rec.offset,
                       QStringLiteral("checksum mismatch (data %1, header %2, index %3)")
                           .arg(crc, 8, 16, QLatin1Char('0'))
                           .arg(h.crc, 8, 16, QLatin1Char('0'))
                           .arg(rec.crc, 8, 16, QLatin1Char('0')));
    PreparedEntry e;
    if (h.frames > 0) {
        // A view on the mapping; the deleter keeps the cache (and so the mapping) alive.
        std::shared_ptr<const PreparedClipCache> keep = m_self.lock();
        e.frames = at::from_blob(
            const_cast<uchar *>(payload), {h.frames, h.height, h.width, 3}, [keep](void *) {},
            at::TensorOptions().dtype(at::kByte));
    }
    e.fbankRows = h.fbankRows;
    e.fbankBins = h.fbankBins;
    e.fbank.resize(size_t(h.fbankRows * h.fbankBins));
    if (fbankBytes > 0)
        std::memcpy(e.fbank.data(), payload + fbankOffset, size_t(fbankBytes));
    e.start = h.start;
    e.length = h.length;
    e.hasAudio = (h.flags & 1u) != 0;
    return e;
}

// ---- writer ----

Result<std::unique_ptr<PreparedWriter>> PreparedWriter::open(const QString &dataFile, qint64 committedBytes)
{
    std::unique_ptr<PreparedWriter> w(new PreparedWriter);
    w->m_file.setFileName(dataFile);
    if (!w->m_file.open(QIODevice::ReadWrite))
        return makeError(QStringLiteral("io"), QStringLiteral("cannot open prepared clip cache %1 for writing: %2")
                                                   .arg(dataFile, w->m_file.errorString()));
    if (w->m_file.size() < committedBytes)
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("prepared clip cache %1 is %2 bytes but its index reaches byte %3")
                             .arg(dataFile)
                             .arg(w->m_file.size())
                             .arg(committedBytes));
    // Records written after the last committed index rows (a killed prepare) are cut off.
    if (!w->m_file.resize(committedBytes) || !w->m_file.seek(committedBytes))
        return makeError(QStringLiteral("io"), QStringLiteral("cannot cut prepared clip cache %1 to %2 bytes: %3")
                                                   .arg(dataFile)
                                                   .arg(committedBytes)
                                                   .arg(w->m_file.errorString()));
    w->m_size = committedBytes;
    return w;
}

PreparedWriter::~PreparedWriter() = default;

Result<PreparedRecord> PreparedWriter::append(const PreparedEntry &e)
{
    RecordHeader h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    at::Tensor frames;
    if (e.frames.defined() && e.frames.numel() > 0) {
        if (e.frames.dim() != 4 || e.frames.size(3) != 3 || e.frames.scalar_type() != at::kByte)
            return makeError(QStringLiteral("invalid"),
                             QStringLiteral("prepared entry frames must be [T, H, W, 3] uint8"));
        frames = e.frames.contiguous();
        h.frames = qint32(frames.size(0));
        h.height = qint32(frames.size(1));
        h.width = qint32(frames.size(2));
    }
    if (qint64(e.fbank.size()) != e.fbankRows * e.fbankBins)
        return makeError(QStringLiteral("invalid"),
                         QStringLiteral("prepared entry fbank size does not match its shape"));
    const qint64 frameBytes = qint64(h.frames) * h.height * h.width * 3;
    const qint64 fbankOffset = alignUp(frameBytes, 4);
    const qint64 fbankBytes = e.fbankRows * e.fbankBins * qint64(sizeof(float));
    h.payloadBytes = quint64(fbankOffset + fbankBytes);
    h.fbankRows = e.fbankRows;
    h.fbankBins = e.fbankBins;
    h.start = e.start;
    h.length = e.length;
    h.flags = e.hasAudio ? 1u : 0u;

    const qint64 total = alignUp(qint64(sizeof h) + qint64(h.payloadBytes), kAlign);
    QByteArray buf(total, '\0');
    uchar *payload = reinterpret_cast<uchar *>(buf.data()) + sizeof h;
    if (frameBytes > 0)
        std::memcpy(payload, frames.data_ptr<std::uint8_t>(), size_t(frameBytes));
    if (fbankBytes > 0)
        std::memcpy(payload + fbankOffset, e.fbank.data(), size_t(fbankBytes));
    h.crc = crc32Of(payload, qint64(h.payloadBytes));
    std::memcpy(buf.data(), &h, sizeof h);

    PreparedRecord r{m_size, total, h.crc};
    if (m_file.write(buf) != total)
        return makeError(
            QStringLiteral("io"),
            QStringLiteral("cannot write prepared clip cache %1: %2").arg(m_file.fileName(), m_file.errorString()));
    m_size += total;
    return r;
}

Status PreparedWriter::sync()
{
    if (!m_file.flush() || ::fsync(m_file.handle()) != 0)
        return makeError(
            QStringLiteral("io"),
            QStringLiteral("cannot flush prepared clip cache %1: %2").arg(m_file.fileName(), m_file.errorString()));
    return Ok{};
}

} // namespace avt::loader
