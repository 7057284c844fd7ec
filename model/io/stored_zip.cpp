#include "model/io/stored_zip.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace avt::model {
namespace {

constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kEnd64Sig = 0x06064b50;
constexpr uint32_t kLocator64Sig = 0x07064b50;
constexpr size_t kEndSize = 22, kLocator64Size = 20, kEnd64Size = 56, kCentralSize = 46, kLocalSize = 30;
constexpr uint64_t kMaxCentralDirectory = uint64_t(1) << 30;

uint16_t u16(const uint8_t *p) { return uint16_t(p[0] | (p[1] << 8)); }
uint32_t u32(const uint8_t *p) { return uint32_t(u16(p)) | (uint32_t(u16(p + 2)) << 16); }
uint64_t u64(const uint8_t *p) { return uint64_t(u32(p)) | (uint64_t(u32(p + 4)) << 32); }

// Slicing-by-8 tables for the reflected polynomial 0xEDB88320.
struct CrcTables {
    std::array<std::array<uint32_t, 256>, 8> t{};
    CrcTables()
    {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[0][i] = c;
        }
        for (uint32_t i = 0; i < 256; ++i)
            for (size_t s = 1; s < 8; ++s)
                t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    }
};

const CrcTables &crcTables()
{
    static const CrcTables tables;
    return tables;
}

} // namespace

uint32_t crc32Update(uint32_t crc, const void *data, size_t n)
{
    const auto &t = crcTables().t;
    const auto *p = static_cast<const uint8_t *>(data);
    uint32_t c = ~crc;
    for (; n >= 8; n -= 8, p += 8) {
        const uint32_t lo = u32(p) ^ c, hi = u32(p + 4);
        c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^ t[3][hi & 0xff]
            ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    }
    for (; n > 0; --n, ++p)
        c = t[0][(c ^ *p) & 0xff] ^ (c >> 8);
    return ~c;
}

StoredZip::StoredZip(const std::string &path) : m_in(path, std::ios::binary)
{
    if (!m_in)
        throw ZipError("cannot open the file");
    m_in.seekg(0, std::ios::end);
    const std::streamoff end = m_in.tellg();
    if (end < 0)
        throw ZipError("cannot read the file size");
    m_fileSize = uint64_t(end);
    parse();
}

const StoredZip::Entry *StoredZip::find(const std::string &name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

void StoredZip::readAt(uint64_t offset, void *dst, uint64_t n)
{
    if (offset > m_fileSize || n > m_fileSize - offset)
        throw ZipError("truncated archive: needs bytes " + std::to_string(offset) + ".." + std::to_string(offset + n)
                       + " of a " + std::to_string(m_fileSize) + "-byte file");
    m_in.clear();
    m_in.seekg(std::streamoff(offset));
    m_in.read(static_cast<char *>(dst), std::streamsize(n));
    if (!m_in || uint64_t(m_in.gcount()) != n)
        throw ZipError("read error at byte " + std::to_string(offset));
}

void StoredZip::parse()
{
    if (m_fileSize < kEndSize)
        throw ZipError("truncated archive: no end-of-central-directory record");
    // The end record (22 bytes + a comment of up to 64 KiB) must end the file exactly.
    const uint64_t tail = std::min<uint64_t>(m_fileSize, kEndSize + 0xffff);
    std::vector<uint8_t> buf(tail);
    readAt(m_fileSize - tail, buf.data(), tail);
    int64_t at = -1;
    for (int64_t i = int64_t(tail - kEndSize); i >= 0; --i) {
        const uint8_t *p = buf.data() + i;
        if (u32(p) == kEndSig && uint64_t(i) + kEndSize + u16(p + 20) == tail) {
            at = i;
            break;
        }
    }
    if (at < 0)
        throw ZipError("truncated or corrupt archive: no end-of-central-directory record at the end of the file");
    const uint8_t *e = buf.data() + at;
    const uint64_t endPos = m_fileSize - tail + uint64_t(at);
    uint64_t disk = u16(e + 4), cdDisk = u16(e + 6), diskEntries = u16(e + 8), count = u16(e + 10);
    uint64_t cdSize = u32(e + 12), cdOffset = u32(e + 16);
    uint64_t cdLimit = endPos; // the central directory ends before this

    // ZIP64: a locator right before the end record points at the ZIP64 end record.
    if (endPos >= kLocator64Size) {
        uint8_t loc[kLocator64Size];
        readAt(endPos - kLocator64Size, loc, sizeof loc);
        if (u32(loc) == kLocator64Sig) {
            const uint64_t end64 = u64(loc + 8);
            if (u32(loc + 4) != 0 || u32(loc + 16) != 1)
                throw ZipError("multi-disk (split) archives are not supported");
            if (end64 > endPos - kLocator64Size || endPos - kLocator64Size - end64 < kEnd64Size)
                throw ZipError("corrupt archive: ZIP64 end record out of place");
            uint8_t r[kEnd64Size];
            readAt(end64, r, sizeof r);
            if (u32(r) != kEnd64Sig)
                throw ZipError("corrupt archive: bad ZIP64 end record signature");
            disk = u32(r + 16);
            cdDisk = u32(r + 20);
            diskEntries = u64(r + 24);
            count = u64(r + 32);
            cdSize = u64(r + 40);
            cdOffset = u64(r + 48);
            cdLimit = end64;
        }
    }
    if (disk != 0 || cdDisk != 0 || diskEntries != count)
        throw ZipError("multi-disk (split) archives are not supported");
    if (cdOffset > cdLimit || cdSize > cdLimit - cdOffset)
        throw ZipError("corrupt archive: central directory (" + std::to_string(cdSize) + " bytes at "
                       + std::to_string(cdOffset) + ") outside the file");
    if (cdSize > kMaxCentralDirectory || count > cdSize / kCentralSize)
        throw ZipError("corrupt archive: " + std::to_string(count) + " entries in a " + std::to_string(cdSize)
                       + "-byte central directory");

    std::vector<uint8_t> cd(cdSize);
    readAt(cdOffset, cd.data(), cdSize);
    m_entries.reserve(count);
    struct Span {
        uint64_t begin, end; // local header to the end of the data
        uint64_t entry;
    };
    std::vector<Span> spans;
    spans.reserve(count);
    size_t pos = 0;
    for (uint64_t k = 0; k < count; ++k) {
        const std::string where = "central directory entry " + std::to_string(k);
        if (cdSize - pos < kCentralSize || u32(&cd[pos]) != kCentralSig)
            throw ZipError("corrupt archive: " + where + " is damaged");
        const uint8_t *c = &cd[pos];
        const uint16_t flags = u16(c + 8), method = u16(c + 10);
        const size_t nameLen = u16(c + 28), extraLen = u16(c + 30), commentLen = u16(c + 32);
        uint64_t packed = u32(c + 20), size = u32(c + 24), local = u32(c + 42);
        uint64_t entryDisk = u16(c + 34);
        if (cdSize - pos - kCentralSize < nameLen + extraLen + commentLen)
            throw ZipError("corrupt archive: " + where + " runs past the central directory");
        Entry entry;
        entry.name.assign(reinterpret_cast<const char *>(c + kCentralSize), nameLen);
        entry.crc32 = u32(c + 16);
        // ZIP64 extended information: the 64-bit values of the fields saturated above, in order.
        const uint8_t *x = c + kCentralSize + nameLen, *xEnd = x + extraLen;
        while (xEnd - x >= 4) {
            const uint16_t id = u16(x), len = u16(x + 2);
            if (size_t(xEnd - x - 4) < len)
                throw ZipError("corrupt archive: extra field of " + entry.name + " runs past its entry");
            if (id == 0x0001) {
                const uint8_t *f = x + 4, *fEnd = f + len;
                for (uint64_t *field : {&size, &packed, &local}) {
                    if (*field != 0xffffffffu)
                        continue;
                    if (fEnd - f < 8)
                        throw ZipError("corrupt archive: short ZIP64 field of " + entry.name);
                    *field = u64(f);
                    f += 8;
                }
                if (entryDisk == 0xffff && fEnd - f >= 4)
                    entryDisk = u32(f);
            }
            x += 4 + len;
        }
        pos += kCentralSize + nameLen + extraLen + commentLen;

        if (flags & 0x1)
            throw ZipError("entry " + entry.name + " is encrypted");
        // A compressed entry is listed (so that callers can tell what the archive is, e.g. the
        // deflated code/ of a TorchScript archive) but cannot be read.
        entry.method = method;
        if (method == 0 && packed != size)
            throw ZipError("corrupt archive: stored entry " + entry.name + " has sizes " + std::to_string(packed)
                           + " and " + std::to_string(size));
        if (entryDisk != 0)
            throw ZipError("multi-disk (split) archives are not supported");
        // The local header must lie before the central directory and name the same entry.
        if (local > cdOffset || cdOffset - local < kLocalSize + nameLen)
            throw ZipError("corrupt archive: local header of " + entry.name + " outside the data area");
        std::vector<uint8_t> lh(kLocalSize + nameLen);
        readAt(local, lh.data(), lh.size());
        if (u32(lh.data()) != kLocalSig || u16(lh.data() + 26) != nameLen
            || std::memcmp(lh.data() + kLocalSize, entry.name.data(), nameLen) != 0)
            throw ZipError("corrupt archive: local header of " + entry.name + " does not match its central entry");
        if (u16(lh.data() + 8) != method)
            throw ZipError("corrupt archive: local header of " + entry.name + " has another compression method");
        entry.dataOffset = local + kLocalSize + nameLen + u16(lh.data() + 28);
        if (entry.dataOffset > cdOffset || packed > cdOffset - entry.dataOffset)
            throw ZipError("corrupt archive: data of " + entry.name + " runs into the central directory");
        entry.size = method == 0 ? size : packed;
        if (!m_index.emplace(entry.name, m_entries.size()).second)
            throw ZipError("corrupt archive: entry " + entry.name + " appears twice");
        m_entries.push_back(std::move(entry));
        spans.push_back({local, m_entries.back().dataOffset + m_entries.back().size, k});
    }
    // Entries must not share bytes: overlapping entries let a small file stand for many copies
    // of the same data (a zip bomb without compression).
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) { return a.begin < b.begin; });
    for (size_t i = 1; i < spans.size(); ++i)
        if (spans[i].begin < spans[i - 1].end)
            throw ZipError("corrupt archive: entries " + m_entries[spans[i - 1].entry].name + " and "
                           + m_entries[spans[i].entry].name + " overlap");
}

namespace {

void mustBeStored(const StoredZip::Entry &entry)
{
    if (entry.method != 0)
        throw ZipError("entry " + entry.name + " is compressed (method " + std::to_string(entry.method)
                       + "); torch.save stores entries uncompressed, so this file was repacked: "
                         "re-save it with torch.save");
}

} // namespace

void StoredZip::read(const Entry &entry, void *dst)
{
    mustBeStored(entry);
    // Chunks keep the CRC pass in cache right after the read.
    constexpr uint64_t kChunk = uint64_t(4) << 20;
    auto *out = static_cast<uint8_t *>(dst);
    uint32_t crc = 0;
    for (uint64_t done = 0; done < entry.size;) {
        const uint64_t n = std::min(kChunk, entry.size - done);
        readAt(entry.dataOffset + done, out + done, n);
        crc = crc32Update(crc, out + done, size_t(n));
        done += n;
    }
    if (crc != entry.crc32)
        throw ZipError("corrupt archive: entry " + entry.name + " fails its CRC-32 check");
}

std::string StoredZip::readString(const Entry &entry, uint64_t limit)
{
    mustBeStored(entry);
    if (entry.size > limit)
        throw ZipError("entry " + entry.name + " is " + std::to_string(entry.size) + " bytes, more than "
                       + std::to_string(limit) + " expected");
    std::string s(size_t(entry.size), '\0');
    read(entry, s.data());
    return s;
}

} // namespace avt::model
