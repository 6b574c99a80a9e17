// The floor driftcheck is measured against: read every YAML blob of a git
// revision with libgit2 and parse it, nothing else.
//
//   floor REPO [--rev REV] [-j N] [--mode load|events]
//
// `load` is YAML::Load plus one walk over the node graph (what a tool built
// on yaml-cpp's nodes pays at least); `events` is yaml-cpp's event API alone,
// with handlers that do nothing (what any yaml-cpp based loader pays).
// Prints "files N bytes B nodes K" so a run can be checked for doing the work.

#include <git2.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

class NoOpHandler final : public YAML::EventHandler {
 public:
  std::size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++events; }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { ++events; }
  void OnMapEnd() override {}
};

std::size_t Walk(const YAML::Node& node) {
  std::size_t n = 1;
  if (node.IsMap()) {
    for (const auto& entry : node) n += Walk(entry.first) + Walk(entry.second);
  } else if (node.IsSequence()) {
    for (const auto& item : node) n += Walk(item);
  } else if (node.IsScalar()) {
    n += node.Scalar().empty() ? 0 : 1;
  }
  return n;
}

void Check(int error, const char* what) {
  if (error < 0) {
    const git_error* e = git_error_last();
    std::fprintf(stderr, "floor: %s: %s\n", what, e ? e->message : "error");
    std::exit(2);
  }
}

std::vector<git_oid> YamlBlobs(git_repository* repo, const char* rev) {
  git_object* object = nullptr;
  Check(git_revparse_single(&object, repo, rev), "revision");
  git_tree* tree = nullptr;
  Check(git_object_peel(reinterpret_cast<git_object**>(&tree), object, GIT_OBJECT_TREE), "tree");
  std::vector<git_oid> blobs;
  auto collect = [](const char*, const git_tree_entry* entry, void* payload) -> int {
    const char* name = git_tree_entry_name(entry);
    const std::size_t n = std::strlen(name);
    if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB && n > 5 && std::strcmp(name + n - 5, ".yaml") == 0 &&
        std::strcmp(name, "driftcheck.yaml") != 0) {
      static_cast<std::vector<git_oid>*>(payload)->push_back(*git_tree_entry_id(entry));
    }
    return 0;
  };
  Check(git_tree_walk(tree, GIT_TREEWALK_PRE, collect, &blobs), "walk");
  git_tree_free(tree);
  git_object_free(object);
  return blobs;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: floor REPO [--rev REV] [-j N] [--mode load|events]\n");
    return 2;
  }
  const char* rev = "HEAD";
  int jobs = 1;
  bool events = false;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rev") == 0) rev = argv[i + 1];
    if (std::strcmp(argv[i], "-j") == 0) jobs = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--mode") == 0) events = std::strcmp(argv[i + 1], "events") == 0;
  }
  git_libgit2_init();
  git_repository* repo = nullptr;
  Check(git_repository_open_ext(&repo, argv[1], 0, nullptr), "open");
  const std::vector<git_oid> blobs = YamlBlobs(repo, rev);
  std::atomic<std::size_t> next{0}, bytes{0}, nodes{0};
  auto work = [&] {
    git_repository* own = nullptr;  // one handle per thread, as libgit2 advises
    Check(git_repository_open_ext(&own, argv[1], 0, nullptr), "open");
    for (std::size_t i; (i = next++) < blobs.size();) {
      git_blob* blob = nullptr;
      Check(git_blob_lookup(&blob, own, &blobs[i]), "blob");
      const std::string text(static_cast<const char*>(git_blob_rawcontent(blob)),
                             static_cast<std::size_t>(git_blob_rawsize(blob)));
      git_blob_free(blob);
      bytes += text.size();
      if (events) {
        std::istringstream in(text);
        YAML::Parser parser(in);
        NoOpHandler handler;
        while (parser.HandleNextDocument(handler)) {}
        nodes += handler.events;
      } else {
        for (const YAML::Node& doc : YAML::LoadAll(text)) nodes += Walk(doc);
      }
    }
    git_repository_free(own);
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  std::printf("files %zu bytes %zu nodes %zu\n", blobs.size(), bytes.load(), nodes.load());
  git_repository_free(repo);
  git_libgit2_shutdown();
  return 0;
}
