#pragma once
// A strict reader of the zip archives that torch.save (PyTorch >= 1.6) writes: entries stored
// without compression, optionally with ZIP64 records.
//
//   avt::model::StoredZip zip("ast_audioset.pth");          // throws ZipError on a bad archive
//   const auto *e = zip.find("archive/data.pkl");
//   std::string pkl = zip.readString(*e, 1 << 30);          // CRC-32 checked
//
// Why not LibTorch's caffe2::serialize::PyTorchStreamReader: model/ may use nothing but
// LibTorch, and that reader (miniz underneath) is not safe on damaged files. Under valgrind,
// LibTorch 1.13's reader reads uninitialised memory for byte-flipped archives
// (tests/model/io truncated_and_flipped_files_never_crash), the same test crashed with LibTorch
// 2.11, and miniz has a known heap overflow on malformed central directories (pytorch#74798).
// Checkpoints are downloaded files, so every offset and length here is checked against the file
// before it is used: the end record must end the file, the central directory must lie before
// it, each local header must match its central entry and its data must end before the central
// directory, and no two entries may share bytes. Compressed entries are listed but reading one is
// an error; encrypted and multi-disk archives are refused with a message.
//
// Thread-safety: one object per thread (it holds an open file).
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace avt::model {

class ZipError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class StoredZip {
public:
    struct Entry {
        std::string name;
        uint64_t dataOffset = 0; // where the entry's bytes start in the file
        uint64_t size = 0;       // bytes in the file (compressed size for a compressed entry)
        uint32_t crc32 = 0;
        uint16_t method = 0; // 0: stored; anything else cannot be read
    };

    explicit StoredZip(const std::string &path);

    const std::vector<Entry> &entries() const { return m_entries; }
    const Entry *find(const std::string &name) const;

    // Copies the entry's `size` bytes to dst and checks them against the recorded CRC-32;
    // ZipError for a compressed entry.
    void read(const Entry &entry, void *dst);
    // The entry as a string; ZipError if it is larger than `limit` bytes.
    std::string readString(const Entry &entry, uint64_t limit);

private:
    void readAt(uint64_t offset, void *dst, uint64_t n);
    void parse();

    std::ifstream m_in;
    uint64_t m_fileSize = 0;
    std::vector<Entry> m_entries;
    std::unordered_map<std::string, size_t> m_index;
};

// CRC-32 (IEEE 802.3, as zip uses it), continuing from `crc` (0 to start).
uint32_t crc32Update(uint32_t crc, const void *data, size_t n);

} // namespace avt::model
