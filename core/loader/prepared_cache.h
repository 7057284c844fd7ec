#pragma once
// A prepared clip cache: decoded model inputs of a dataset, written once by `prepare` and read
// by the loader instead of decoding (clip_loader.h, CACHE). This header is the file format and
// its reader / writer; the index of entries lives in the run store (core/store/clip_cache_store.h)
// and is handed to the reader.
//
//   avt::loader::PreparedSpec spec = pipeline.preparedSpec();   // what the entries hold
//   auto writer = avt::loader::PreparedWriter::open(folder + "/data.bin", committedBytes);
//   auto entry = pipeline.prepareEntry(item, request);        // decode + fbank
//   auto where = (*writer)->append(*entry);                   // -> offset, bytes, crc
//   (*writer)->sync();                                        // then record `where` in the index
//   ...
//   auto cache = avt::loader::PreparedClipCache::open(folder + "/data.bin", spec, index);
//   if (auto hit = (*cache)->find(key)) { if (*hit) use((*hit)->frames); else report(hit->error()); }
//
// WHAT AN ENTRY IS. One sample window of one clip, decoded exactly as the loader's cache path
// decodes it (frames at the pre-crop size, uint8 RGB [T, H, W, 3]) and the raw Kaldi fbank of
// the window's 16 kHz audio ([rows, bins] float, before padding and normalisation), plus the
// window actually decoded. The loader pads, normalises, crops, flips and masks per sample as it
// does after decoding, so a run reads the same numbers from the cache as from the decoder.
//
// KEY. entryKey(): the media path, its size and modification time, and the window in
// microseconds, so a media file replaced in place is a miss, not a stale hit.
//
// SPEC. PreparedSpec holds every setting that changes the bytes of an entry (frame count,
// short side, sample rate, fbank options, format version); its hash names the cache, so a run
// whose settings differ in any of them does not match and decodes instead.
//
// FILE. data.bin is a sequence of records, each a 64-byte header (magic "AVTCLIP1", payload
// size, CRC-32 of the payload, shapes, window) and the payload (frames, then the fbank at a
// 4-byte boundary), records starting at 64-byte boundaries. Records are only appended; the index
// says which records are committed, and a writer opened on a half-written file cuts it back to
// the committed size first. The reader maps the file read-only (QFile::map) and checks each
// record's header against the index and its CRC the first time the record is read through this
// cache object (later reads of the same record in later epochs skip the CRC; `prepare --verify`
// checks every record): a damaged record is an error (code "corrupt") naming the file and
// offset, never wrong numbers.
//
// Thread-safety: PreparedClipCache is immutable after open(); find() may run on many threads.
// A PreparedWriter belongs to one thread.
#include "core/util/result.h"

#include <ATen/core/Tensor.h>
#include <QFile>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace avt::loader {

// Settings that change the bytes of an entry.
struct PreparedSpec {
    int numFrames = 16;  // frames per window (uniform sampling)
    int shortSide = 224; // frames resized so the short side is this (no crop)
    int audioRate = 16000;
    int melBins = 128; // Kaldi fbank, AST options otherwise (core/audio/fbank.h defaults)

    // Canonical "key=value" lines (with the format version); stored beside the cache.
    QString text() const;
    // 16 hex digits of the SHA-1 of text().
    QString hash() const;
    // Reads text() back; nullopt when a line is missing or not a number.
    static std::optional<PreparedSpec> parse(const QString &text);
    // The keys whose values differ from other's, as "key: this -> other" (for messages).
    QStringList differences(const PreparedSpec &other) const;
};

// One decoded window.
struct PreparedEntry {
    at::Tensor frames;        // [T, H, W, 3] uint8 (from the cache: a view on the mapping)
    std::vector<float> fbank; // [rows * bins] raw log-mel fbank (rows may be 0)
    std::int64_t fbankRows = 0;
    int fbankBins = 0;
    double start = 0.0;  // window decoded, seconds
    double length = 0.0; // seconds
    bool hasAudio = false;
};

// Where a record is, as kept in the index.
struct PreparedRecord {
    qint64 offset = 0;
    qint64 bytes = 0; // header + payload + padding
    quint32 crc = 0;  // CRC-32 of the payload
};

// The key of an entry: path, file size, mtime and the window in microseconds. Empty when the
// file does not exist.
QString preparedEntryKey(const QString &path, double start, double length);

class PreparedClipCache {
public:
    // Maps `dataFile` and checks that every indexed record lies inside it (a shorter file is
    // "corrupt", naming the file and both sizes).
    static Result<std::shared_ptr<const PreparedClipCache>> open(const QString &dataFile, const PreparedSpec &spec,
                                                                 std::unordered_map<QString, PreparedRecord> index);
    ~PreparedClipCache();

    const QString &dataFile() const { return m_path; }
    const PreparedSpec &spec() const { return m_spec; }
    qint64 entries() const { return qint64(m_index.size()); }
    bool contains(const QString &key) const { return m_index.count(key) > 0; }

    // nullopt: no entry for key. An error when the record is damaged (code "corrupt"). The
    // frames of a hit view the mapping and keep the cache alive.
    std::optional<Result<PreparedEntry>> find(const QString &key) const;
    // Reads and checks one record (for `prepare --verify`).
    Status verify(const PreparedRecord &record) const;

private:
    PreparedClipCache() = default;
    Result<PreparedEntry> read(const PreparedRecord &record, std::atomic<bool> *checked) const;

    struct Indexed {
        PreparedRecord record;
        size_t checked = 0; // position in m_checked
    };
    QString m_path;
    PreparedSpec m_spec;
    std::unordered_map<QString, Indexed> m_index;
    std::unique_ptr<std::atomic<bool>[]> m_checked; // record's CRC verified once
    mutable QFile m_file;
    const uchar *m_map = nullptr;
    qint64 m_size = 0;
    std::weak_ptr<const PreparedClipCache> m_self;
};

class PreparedWriter {
public:
    // Opens (creating) dataFile for appending after cutting it to committedBytes (what the index
    // holds; 0 for a new cache).
    static Result<std::unique_ptr<PreparedWriter>> open(const QString &dataFile, qint64 committedBytes);
    ~PreparedWriter();

    // Appends one record; returns where it went.
    Result<PreparedRecord> append(const PreparedEntry &entry);
    // Flushes and fsyncs, so that records appended so far survive a crash; call before
    // committing their index rows.
    Status sync();
    qint64 size() const { return m_size; }

private:
    PreparedWriter() = default;
    QFile m_file;
    qint64 m_size = 0;
};

} // namespace avt::loader
