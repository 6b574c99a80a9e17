// Writes a synthetic monorepo as a `git fast-import` stream on stdout:
// SERVICES services x 2 environments of YAML (about 39 KB each, so the
// default 2,000 services are about 157 MB), a driftcheck.yaml, and a history
// of COMMITS commits, each editing a few files. Deterministic: the same
// arguments give the same repository.
//
// With --all-different-mb M it writes instead one commit of one pair of
// M-megabyte files in which every value differs (the memory benchmark).
//
//   gen_monorepo [--services N] [--commits N] [--lines N] | git -C repo.git fast-import
//   gen_monorepo --all-different-mb 5 | git -C pair.git fast-import

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Rng {
  std::uint64_t state;
  std::uint64_t Next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
};

const char* const kWords[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
                              "hotel", "india", "juliet", "kilo", "lima", "mike", "november"};

// One environment's file of one service: nested maps, lists of maps, and
// scalars of every kind. `edit` changes one value so commits have something to say.
std::string ServiceFile(int service, const std::string& env, int lines, int edit) {
  Rng rng{0x9e3779b97f4a7c15ULL ^ (static_cast<std::uint64_t>(service) * 7919)};
  const bool prod = env == "production";
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "service: svc-%04d\nreplicas: %d\nimage:\n  repository: registry.example.org/svc-%04d\n  tag: \"1.%d.%d\"\n",
                service, prod ? 6 : 2, service, service % 7, edit);
  out += buf;
  std::snprintf(buf, sizeof buf, "ingress:\n  host: svc-%04d.%sexample.org\n  tls: %s\n", service,
                prod ? "" : "staging.", prod ? "true" : "false");
  out += buf;
  out += "database:\n  password: \"s3cr3t-" + std::to_string(service) + (prod ? "-p" : "-s") + "\"\n";
  int written = 9;
  for (int section = 0; written < lines; ++section) {
    std::snprintf(buf, sizeof buf, "section_%d:\n", section);
    out += buf;
    ++written;
    for (int key = 0; key < 20 && written < lines; ++key, ++written) {
      const std::uint64_t r = rng.Next();
      // About one value in 200 differs between the environments.
      const bool differs = prod && (r >> 40) % 200 == 0;
      const char* word = kWords[(r >> 8) % 14];
      switch (r % 6) {
        case 0: std::snprintf(buf, sizeof buf, "  timeout_%d: %llus\n", key, static_cast<unsigned long long>((r >> 20) % 120 + differs)); break;
        case 1: std::snprintf(buf, sizeof buf, "  count_%d: %llu\n", key, static_cast<unsigned long long>((r >> 20) % 10000 + differs)); break;
        case 2: std::snprintf(buf, sizeof buf, "  enabled_%d: %s\n", key, ((r >> 20) % 2) ^ differs ? "true" : "false"); break;
        case 3: std::snprintf(buf, sizeof buf, "  ratio_%d: %llu.%02llu\n", key, static_cast<unsigned long long>((r >> 20) % 10), static_cast<unsigned long long>((r >> 30) % 100 + differs)); break;
        case 4: std::snprintf(buf, sizeof buf, "  name_%d: \"%s-%s-%llu\"\n", key, word, differs ? "x" : "y", static_cast<unsigned long long>((r >> 20) % 1000)); break;
        default:
          std::snprintf(buf, sizeof buf, "  hosts_%d:\n    - {name: %s, port: %llu}\n    - {name: %s-b, port: %llu}\n", key, word,
                        static_cast<unsigned long long>((r >> 20) % 60000 + differs), word,
                        static_cast<unsigned long long>((r >> 36) % 60000));
          written += 2;
      }
      out += buf;
    }
  }
  return out;
}

void Blob(const std::string& path, const std::string& data) {
  std::cout << "M 100644 inline " << path << "\ndata " << data.size() << "\n" << data << "\n";
}

const char kManifest[] =
    "version: 1\n"
    "environments:\n  staging: {aliases: [stg]}\n  production: {aliases: [prod]}\n"
    "sources:\n  - name: services\n    path: \"services/{service}/{env}.yaml\"\n";

int Arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

}  // namespace

// A flat-ish map of `bytes` of YAML whose every value names its environment.
std::string AllDifferent(const std::string& env, std::size_t bytes) {
  std::string out;
  char buf[160];
  for (int group = 0; out.size() < bytes; ++group) {
    std::snprintf(buf, sizeof buf, "group_%d:\n", group);
    out += buf;
    for (int key = 0; key < 50; ++key) {
      std::snprintf(buf, sizeof buf, "  key_%d: %c-value-%d-%d\n", key, env[0], group, key);
      out += buf;
    }
  }
  return out;
}

int main(int argc, char** argv) {
  if (const int mb = Arg(argc, argv, "--all-different-mb", 0); mb > 0) {
    std::cout << "commit refs/heads/main\ncommitter Bench <bench@example.org> 1700000000 +0000\ndata 5\npair\n";
    Blob("driftcheck.yaml", kManifest);
    for (const char* env : {"staging", "production"}) {
      Blob(std::string("services/big/") + env + ".yaml", AllDifferent(env, static_cast<std::size_t>(mb) << 20));
    }
    return 0;
  }
  const int services = Arg(argc, argv, "--services", 2000);
  const int commits = Arg(argc, argv, "--commits", 1000);
  const int lines = Arg(argc, argv, "--lines", 1850);
  std::ios::sync_with_stdio(false);
  std::vector<int> edits(static_cast<std::size_t>(services), 0);
  Rng rng{42};
  for (int c = 0; c < commits; ++c) {
    const long when = 1700000000L + c * 600L;
    std::cout << "commit refs/heads/main\ncommitter Bench <bench@example.org> " << when
              << " +0000\ndata <<EOF\ncommit " << c << "\nEOF\n";
    if (c == 0) {
      Blob("driftcheck.yaml", kManifest);
      for (int s = 0; s < services; ++s) {
        for (const char* env : {"staging", "production"}) {
          char path[64];
          std::snprintf(path, sizeof path, "services/svc-%04d/%s.yaml", s, env);
          Blob(path, ServiceFile(s, env, lines, 0));
        }
      }
      continue;
    }
    // Each later commit edits two services' staging and production files.
    for (int k = 0; k < 2; ++k) {
      const int s = static_cast<int>(rng.Below(static_cast<std::uint64_t>(services)));
      ++edits[static_cast<std::size_t>(s)];
      for (const char* env : {"staging", "production"}) {
        char path[64];
        std::snprintf(path, sizeof path, "services/svc-%04d/%s.yaml", s, env);
        Blob(path, ServiceFile(s, env, lines, edits[static_cast<std::size_t>(s)]));
      }
    }
  }
  return 0;
}
