#pragma once
// Parsers for the units configuration files write: durations (`1h30m`),
// byte sizes (`512Mi`, `1G`) and Kubernetes quantities (`500m`). Each returns
// an exact canonical number, so two spellings of one amount compare equal and
// can be ordered (`staging <= production`). nullopt means "not that unit".

#include <cstdint>
#include <optional>
#include <string_view>

namespace driftcheck {

/// A Go/Kubernetes-style duration in nanoseconds: one or more number+unit
/// pairs (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`, `d`), decimals allowed
/// (`1.5h`), an optional sign; a bare `0` is zero. `1m` = `60s` = `60000ms`.
/// A total beyond 64-bit nanoseconds (about 292 years) is nullopt, never wrapped.
std::optional<std::int64_t> ParseDuration(std::string_view text);

/// A byte size: a plain integer, or a number with a binary suffix (`Ki`..`Ei`,
/// `KiB`..`EiB`), a decimal one (`k`/`K`, `M`, `G`, `T`, `P`, `E`, or with
/// `B`: `kB`, `MB`, ...) or `B`. `1Gi` = 1073741824, `1G` = 10^9,
/// `512Mi` = `0.5Gi`. The amount must be a whole number of bytes.
std::optional<std::int64_t> ParseBytes(std::string_view text);

/// A Kubernetes quantity (CPU: `500m` = `0.5`): a decimal number with an
/// optional exponent (`1e3`) or suffix (`n`, `u`, `m`, `k`, `M`, `G`, `T`,
/// `P`, `E`, `Ki`..`Ei`). Equal amounts give the identical double; an amount
/// a double cannot hold exactly enough (more than 15 significant digits,
/// beyond its range or below its normal range) is nullopt, never rounded
/// into another amount.
std::optional<double> ParseQuantity(std::string_view text);

}  // namespace driftcheck
