#include "engine/result_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <vector>

#include "core/strings.h"

namespace fs = std::filesystem;

namespace driftcheck {
namespace {

// The first bytes of every entry: what wrote it and in which layout. A
// change to the layout below changes the last two digits.
constexpr std::string_view kMagic = "driftcheck pair result v02\n";
// An entry larger than this is not one this tool wrote (a result is its
// findings, a few hundred bytes each): it is not read.
constexpr std::uint64_t kMaxEntryBytes = std::uint64_t{1} << 30;
// Nesting beyond any loader's depth limit is not a value this tool wrote.
constexpr int kMaxDepth = 10'000;

std::string Hex(std::uint64_t value) {
  constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
  return out;
}

// 128 bits: two differently seeded hashes.
std::string Digest128(std::string_view bytes) {
  return Hex(Hash64(bytes)) + Hex(Hash64(bytes, 0x9e3779b97f4a7c15ULL));
}

// ---- Encoding: length-prefixed fields, so no two field lists read alike ----

class Writer {
 public:
  void U(std::uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void I(std::int64_t v) { U((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
  void B(bool v) { U(v ? 1 : 0); }
  void S(std::string_view s) {
    U(s.size());
    out_ += s;
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

struct Malformed {};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint64_t U() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= in_.size()) throw Malformed{};
      const auto byte = static_cast<unsigned char>(in_[at_++]);
      v |= std::uint64_t{byte & 0x7Fu} << shift;
      if (!(byte & 0x80)) return v;
    }
    throw Malformed{};
  }
  std::int64_t I() {
    const std::uint64_t u = U();
    return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }
  bool B() {
    const std::uint64_t v = U();
    if (v > 1) throw Malformed{};
    return v == 1;
  }
  std::size_t Count() {
    const std::uint64_t n = U();
    if (n > in_.size() - at_) throw Malformed{};  // every item takes a byte at least
    return static_cast<std::size_t>(n);
  }
  std::string S() {
    const std::size_t n = Count();
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  int Int32() {
    const std::int64_t v = I();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) throw Malformed{};
    return static_cast<int>(v);
  }
  bool done() const { return at_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t at_ = 0;
};

void PutLocation(Writer& w, const Location& at) {
  w.S(at.file());
  w.I(at.line);
  w.I(at.column);
}

Location GetLocation(Reader& r) {
  const std::string file = r.S();
  Location at;
  if (!file.empty()) at.origin = MakeOrigin(file);
  at.line = r.Int32();
  at.column = r.Int32();
  return at;
}

void PutValue(Writer& w, const Value& v) {
  w.U(static_cast<std::uint64_t>(v.kind()));
  PutLocation(w, v.location());
  switch (v.kind()) {
    case Value::Kind::kNull:
      break;
    case Value::Kind::kBool:
      w.B(v.as_bool());
      break;
    case Value::Kind::kInt:
      w.B(v.fits_int64());
      if (v.fits_int64()) {
        w.I(v.as_int());
      } else {
        w.S(v.DecimalText());
      }
      w.S(v.text());
      break;
    case Value::Kind::kFloat: {
      const double d = v.as_double();
      std::uint64_t bits = 0;
      std::memcpy(&bits, &d, sizeof bits);
      w.U(bits);
      w.S(v.text());
      break;
    }
    case Value::Kind::kString:
      w.S(v.text());
      w.B(v.quoted());
      break;
    case Value::Kind::kList:
      w.U(v.items().size());
      for (const Value& item : v.items()) PutValue(w, item);
      break;
    case Value::Kind::kMap:
      w.U(v.size());
      for (std::size_t i = 0; i < v.size(); ++i) {
        w.S(v.key(i));
        PutLocation(w, v.key_location(i));
        w.B(v.key_hidden(i));
        PutValue(w, v.value(i));
      }
      break;
  }
  w.B(v.rewritten());
  if (v.rewritten()) PutValue(w, v.written());
}

bool IsDecimal(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Value GetValue(Reader& r, int depth) {
  if (depth > kMaxDepth) throw Malformed{};
  const std::uint64_t kind = r.U();
  if (kind > static_cast<std::uint64_t>(Value::Kind::kMap)) throw Malformed{};
  Location at = GetLocation(r);
  Value v;
  switch (static_cast<Value::Kind>(kind)) {
    case Value::Kind::kNull:
      v = Value::Null(at);
      break;
    case Value::Kind::kBool:
      v = Value::Bool(r.B(), at);
      break;
    case Value::Kind::kInt: {
      if (r.B()) {
        const std::int64_t n = r.I();
        v = Value::Int(n, r.S(), at);
      } else {
        const std::string decimal = r.S();
        if (!IsDecimal(decimal)) throw Malformed{};
        v = Value::Integer(decimal, r.S(), at);
      }
      break;
    }
    case Value::Kind::kFloat: {
      const std::uint64_t bits = r.U();
      double d = 0;
      std::memcpy(&d, &bits, sizeof d);
      v = Value::Float(d, r.S(), at);
      break;
    }
    case Value::Kind::kString: {
      std::string text = r.S();
      v = Value::String(std::move(text), r.B(), at);
      break;
    }
    case Value::Kind::kList: {
      v = Value::List(at);
      for (std::size_t i = 0, n = r.Count(); i < n; ++i) v.Append(GetValue(r, depth + 1));
      break;
    }
    case Value::Kind::kMap: {
      v = Value::Map(at);
      for (std::size_t i = 0, n = r.Count(); i < n; ++i) {
        std::string key = r.S();
        Location key_at = GetLocation(r);
        const bool hidden = r.B();
        if (v.Insert(std::move(key), key_at, GetValue(r, depth + 1))) throw Malformed{};  // a key twice
        if (hidden) v.HideKey(i);
      }
      break;
    }
  }
  if (r.B()) {
    Value written = GetValue(r, depth + 1);
    if (written.rewritten()) throw Malformed{};
    written.Rewrite(std::move(v));
    return written;
  }
  return v;
}

// A side's revision by reference to the task's: 1 = the left side's, 2 =
// the right's, 0 = none. Findings name no other revision; one that does is
// not cached (nullopt).
std::optional<std::uint64_t> RevisionToken(const std::string& revision, const PairTask& task) {
  if (revision.empty()) return 0;
  if (revision == task.comparison.left.tree->revision()) return 1;
  if (revision == task.comparison.right.tree->revision()) return 2;
  return std::nullopt;
}

std::string RevisionOf(std::uint64_t token, const PairTask& task) {
  switch (token) {
    case 0:
      return {};
    case 1:
      return task.comparison.left.tree->revision();
    case 2:
      return task.comparison.right.tree->revision();
    default:
      throw Malformed{};
  }
}

bool PutSide(Writer& w, const FindingSide& side, const PairTask& task) {
  const auto token = RevisionToken(side.revision, task);
  if (!token) return false;
  w.S(side.label);
  w.S(side.env);
  w.U(*token);
  w.S(side.file);
  w.B(side.value.present());
  w.B(side.value.redacted());
  w.B(side.value.partly_redacted());
  w.B(side.value.elided());
  PutValue(w, side.value.value());
  PutLocation(w, side.location);
  w.U(side.value_digest.bits());
  return true;
}

FindingSide GetSide(Reader& r, const PairTask& task) {
  FindingSide side;
  side.label = r.S();
  side.env = r.S();
  side.revision = RevisionOf(r.U(), task);
  side.file = r.S();
  const bool present = r.B(), redacted = r.B(), partly = r.B(), elided = r.B();
  side.value = ShownValue::Restored(present, redacted, partly, elided, GetValue(r, 0));
  side.location = GetLocation(r);
  side.value_digest = ValueDigest::FromBits(r.U());
  return side;
}

void PutPairs(Writer& w, const std::vector<std::pair<std::string, std::string>>& pairs) {
  w.U(pairs.size());
  for (const auto& [a, b] : pairs) {
    w.S(a);
    w.S(b);
  }
}

std::vector<std::pair<std::string, std::string>> GetPairs(Reader& r) {
  std::vector<std::pair<std::string, std::string>> pairs(r.Count());
  for (auto& [a, b] : pairs) {
    a = r.S();
    b = r.S();
  }
  return pairs;
}

bool PutFinding(Writer& w, const Finding& f, const PairTask& task) {
  w.U(static_cast<std::uint64_t>(f.kind));
  w.U(static_cast<std::uint64_t>(f.severity));
  w.S(f.source);
  PutPairs(w, f.placeholders);
  w.S(f.document);
  w.S(f.path);
  if (!PutSide(w, f.left, task) || !PutSide(w, f.right, task)) return false;
  w.S(f.pair_labels.first);
  w.S(f.pair_labels.second);
  w.S(f.message);
  w.S(f.hint);
  w.B(f.allowed.has_value());
  if (f.allowed) {
    for (const std::string* s : {&f.allowed->rule, &f.allowed->reason, &f.allowed->owner, &f.allowed->expires,
                                 &f.allowed->ticket}) {
      w.S(*s);
    }
  }
  w.U(f.secret_equal ? (*f.secret_equal ? 2 : 1) : 0);
  w.B(f.existing);
  w.S(f.id);
  return true;
}

Finding GetFinding(Reader& r, const PairTask& task) {
  Finding f;
  const std::uint64_t kind = r.U();
  if (kind > static_cast<std::uint64_t>(FindingKind::kRuleUnused)) throw Malformed{};
  f.kind = static_cast<FindingKind>(kind);
  const std::uint64_t severity = r.U();
  if (severity > static_cast<std::uint64_t>(Severity::kNote)) throw Malformed{};
  f.severity = static_cast<Severity>(severity);
  f.source = r.S();
  f.placeholders = GetPairs(r);
  f.document = r.S();
  f.path = r.S();
  f.left = GetSide(r, task);
  f.right = GetSide(r, task);
  f.pair_labels.first = r.S();
  f.pair_labels.second = r.S();
  f.message = r.S();
  f.hint = r.S();
  if (r.B()) {
    Allowance a;
    for (std::string* s : {&a.rule, &a.reason, &a.owner, &a.expires, &a.ticket}) *s = r.S();
    f.allowed = std::move(a);
  }
  const std::uint64_t equal = r.U();
  if (equal > 2) throw Malformed{};
  if (equal) f.secret_equal = equal == 2;
  f.existing = r.B();
  const std::string id = r.S();
  if (id.size() > FindingId::kSize) throw Malformed{};
  f.id = id;
  return f;
}

// The body of an entry: what the result holds beyond what the task gives.
std::optional<std::string> EncodeResult(const PairResult& result, const PairTask& task) {
  Writer w;
  w.B(result.selected);
  w.U(result.read.size());
  for (const std::string& read : result.read) w.S(read);
  w.U(result.findings.size());
  for (const Finding& f : result.findings) {
    if (!PutFinding(w, f, task)) return std::nullopt;
  }
  return std::move(w.out());
}

PairResult DecodeResult(Reader& r, const PairTask& task) {
  PairResult result;
  result.record = RecordOf(task);
  result.selected = r.B();
  result.read.resize(r.Count());
  for (std::string& read : result.read) read = r.S();
  const std::size_t n = r.Count();
  result.findings.reserve(n);
  for (std::size_t i = 0; i < n; ++i) result.findings.push_back(GetFinding(r, task));
  if (!r.done()) throw Malformed{};
  return result;
}

// ---- The key -----------------------------------------------------------------

bool IsCommitId(const std::string& revision) {
  return revision.size() == 40 &&
         std::all_of(revision.begin(), revision.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool PutKeySide(Writer& w, const SideFiles& files, const std::vector<std::string>& blobs, const SideSpec& side) {
  const std::string& revision = side.tree->revision();
  if (revision == "worktree") return false;  // its files have no blob ids to trust
  w.S(side.label);
  w.S(side.env->name);
  // Which kind of revision, not which one: findings name it by reference.
  w.S(IsCommitId(revision) ? "commit" : revision);
  w.B(files.present);
  w.U(files.layers.size());
  for (std::size_t i = 0; i < files.layers.size(); ++i) {
    const bool exists = i < files.layer_exists.size() && files.layer_exists[i];
    w.S(files.layers[i]);
    w.B(exists);
    if (!exists) continue;
    if (i >= blobs.size() || blobs[i].empty()) return false;  // unknown content
    w.S(blobs[i]);
  }
  return true;
}

// ---- Files -------------------------------------------------------------------

std::string SystemError(const std::string& what, const std::string& path, int error) {
  return what + " " + path + ": " + std::strerror(error);
}

// Owned by whoever runs this and writable by nobody else (ssh's rule for
// its files): only then can nobody else have planted what it holds.
bool OwnedAndPrivate(const struct stat& st) {
  return st.st_uid == ::geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

// The whole file at `path`: nullopt when it does not exist; throws the errno
// for any other failure. Refreshes the mtime of an entry used after an hour,
// so the size bound drops the least recently used entries first. Anything
// but a regular file of our own that nobody else may write reads as empty
// (not an entry: it is replaced): O_NONBLOCK so a FIFO or a device planted
// there never blocks the open, O_NOFOLLOW so a symbolic link is not followed.
std::optional<std::string> ReadEntry(const std::string& path, int& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    error = errno == ENOENT || errno == ENOTDIR || errno == ELOOP ? 0 : errno;
    // A socket (ENXIO) is no entry: it is replaced like a damaged one.
    if (errno == ENXIO) {
      error = 0;
      return std::string();
    }
    return std::nullopt;
  }
  struct stat st {};
  std::string bytes;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && OwnedAndPrivate(st) &&
      static_cast<std::uint64_t>(st.st_size) <= kMaxEntryBytes) {
    bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    if (std::time(nullptr) - st.st_mtime > 3600) ::futimens(fd, nullptr);  // best effort
  }
  ::close(fd);
  error = 0;
  return bytes;
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

ResultCache::ResultCache(ResultCacheSettings settings)
    : settings_(std::move(settings)), entries_(settings_.dir + "/pairs-v1") {}

void ResultCache::Fail(const std::string& what, const std::string& detail) {
  const std::lock_guard lock(warn_mutex_);
  if (failed_.exchange(true)) return;
  if (settings_.warn) settings_.warn(what, detail);
}

std::string ResultCache::EntryPath(const std::string& key) const { return entries_ + "/" + Digest128(key); }

std::optional<std::string> ResultCache::Key(const PairTask& task) const {
  Writer w;
  w.S(kMagic);
  w.S(settings_.tool);
  w.S(settings_.policy);
  w.I(settings_.limits.max_depth);
  w.U(settings_.limits.max_nodes);
  w.U(settings_.limits.max_file_bytes);
  w.B(task.one_sided);
  w.B(task.identical);
  w.S(task.pair.source->name);
  w.U(task.pair.placeholders.size());
  for (const auto& [name, value] : task.pair.placeholders) {
    w.S(name);
    w.S(value);
  }
  if (!PutKeySide(w, task.pair.left, task.left_blobs, task.comparison.left) ||
      !PutKeySide(w, task.pair.right, task.right_blobs, task.comparison.right)) {
    return std::nullopt;
  }
  w.B(task.comparison.left.tree->revision() == task.comparison.right.tree->revision());
  w.U(task.layer_gaps.size());
  for (const LayerGap& gap : task.layer_gaps) {
    w.U(gap.layer);
    w.B(gap.missing_on_left);
    w.S(gap.nearest);
  }
  return std::move(w.out());
}

std::optional<PairResult> ResultCache::Find(const std::string& key, const PairTask& task) {
  ++lookups_;
  if (failed_.load()) return std::nullopt;
  const std::string path = EntryPath(key);
  int error = 0;
  const std::optional<std::string> bytes = ReadEntry(path, error);
  if (!bytes) {
    if (error) Fail("cannot read the cache in " + settings_.dir, SystemError("reading", path, error));
    return std::nullopt;
  }
  // magic, checksum of the rest (8 bytes), the rest: key, result.
  const std::string_view in = *bytes;
  if (in.size() < kMagic.size() + 8 || in.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  std::uint64_t checksum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    checksum |= std::uint64_t{static_cast<unsigned char>(in[kMagic.size() + i])} << (8 * i);
  }
  const std::string_view rest = in.substr(kMagic.size() + 8);
  if (Hash64(rest) != checksum) return std::nullopt;
  try {
    Reader r(rest);
    if (r.S() != key) return std::nullopt;  // another task whose name collides
    PairResult result = DecodeResult(r, task);
    ++hits_;
    return result;
  } catch (const Malformed&) {
    return std::nullopt;
  }
}

void ResultCache::Store(const std::string& key, const PairTask& task, const PairResult& result) {
  if (failed_.load()) return;
  std::optional<std::string> body = EncodeResult(result, task);
  if (!body) return;
  // The entry is written as its header and the rest, and the encoded result
  // is dropped once copied: a big pair's entry is held twice at most, not
  // three times.
  std::string rest;
  {
    Writer w;
    w.S(key);
    rest = std::move(w.out());
  }
  rest.reserve(rest.size() + body->size());
  rest += *body;
  body.reset();
  std::string header(kMagic);
  const std::uint64_t checksum = Hash64(rest);
  for (std::size_t i = 0; i < 8; ++i) header += static_cast<char>((checksum >> (8 * i)) & 0xFF);

  std::error_code ec;
  if (!fs::is_directory(entries_, ec)) {
    const bool had_dir = fs::exists(settings_.dir, ec);
    fs::create_directories(entries_, ec);
    if (ec) {
      Fail("cannot write the cache in " + settings_.dir, "creating " + entries_ + ": " + ec.message());
      return;
    }
    // Findings name configuration values: only their owner reads them (the
    // entries themselves are created 0600).
    fs::permissions(entries_, fs::perms::owner_all, ec);
    // One we made ourselves is private too, whatever the umask: the next run
    // refuses a cache directory others may write.
    if (!had_dir) fs::permissions(settings_.dir, fs::perms::owner_all, ec);
  }
  std::string temp = entries_ + "/.tmp-XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);  // O_EXCL: a new file of our own
  if (fd < 0) {
    Fail("cannot write the cache in " + settings_.dir, SystemError("creating a file in", entries_, errno));
    return;
  }
  const bool written = WriteAll(fd, header) && WriteAll(fd, rest);
  const int write_error = errno;
  if (::close(fd) != 0 || !written) {
    ::unlink(temp.c_str());
    Fail("cannot write the cache in " + settings_.dir, SystemError("writing", temp, written ? errno : write_error));
    return;
  }
  const std::string path = EntryPath(key);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    Fail("cannot write the cache in " + settings_.dir, SystemError("renaming into", path, error));
    return;
  }
  ++stores_;
}

void ResultCache::Trim() {
  struct Entry {
    fs::file_time_type mtime;
    std::uint64_t size;
    fs::path path;
  };
  std::vector<Entry> entries;
  std::uint64_t total = 0;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(entries_, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    if (!it->is_regular_file(e) || e) continue;
    const std::uint64_t size = it->file_size(e);
    if (e) continue;
    const auto mtime = it->last_write_time(e);
    if (e) continue;
    // A temporary left by a run that was killed.
    if (it->path().filename().string().starts_with(".tmp-")) {
      if (now - mtime > std::chrono::hours(1)) fs::remove(it->path(), e);
      continue;
    }
    total += size;
    entries.push_back({mtime, size, it->path()});
  }
  if (total <= settings_.max_bytes) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.mtime, a.path) < std::tie(b.mtime, b.path);
  });
  // Down to 90% of the bound, so the next runs do not trim again at once.
  const std::uint64_t goal = settings_.max_bytes / 10 * 9;
  for (const Entry& entry : entries) {
    if (total <= goal) break;
    std::error_code e;
    fs::remove(entry.path, e);  // another run may have removed it: fine
    total -= entry.size;
  }
}

std::string PolicyDigest(std::string_view manifest_text,
                         const std::vector<std::pair<std::string, std::string>>& schemas) {
  Writer w;
  w.S(manifest_text);
  w.U(schemas.size());
  for (const auto& [path, text] : schemas) {
    w.S(path);
    w.S(text);
  }
  return Digest128(w.out());
}

bool PathInside(const std::string& dir, const std::string& root) {
  std::error_code ec;
  const fs::path d = fs::weakly_canonical(fs::absolute(dir, ec), ec).lexically_normal();
  const fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec).lexically_normal();
  auto di = d.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++di) {
    if (ri->empty()) continue;  // a trailing separator
    if (di == d.end() || *di != *ri) return false;
  }
  return true;
}

}  // namespace driftcheck
