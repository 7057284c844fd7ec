#pragma once
// The communication of a data-parallel run: c10d's TCPStore for the rendezvous (rank 0
// hosts it) and a process group, NCCL on CUDA builds that have it and Gloo otherwise.
//
//   auto pg = ProcessGroup::create(env, /*cuda=*/false, timeoutSeconds);
//   pg->broadcastParameters(model->parameters());        // same start on every rank
//   ... loss.backward();
//   pg->averageGradients(model->parameters());           // mean over ranks
//
// A rank that dies makes the others' next collective fail within the timeout; the error is
// thrown as std::runtime_error naming the operation, and the trainer stops with it.
// Thread-safety: one thread per process uses the group.
#include "core/distributed/dist_env.h"
#include "core/util/result.h"

#include <ATen/core/Tensor.h>

#include <memory>
#include <vector>

namespace avt::dist {

class ProcessGroup {
public:
    virtual ~ProcessGroup() = default;

    static Result<std::unique_ptr<ProcessGroup>> create(const DistEnv &env, bool cuda, int timeoutSeconds);

    virtual int rank() const = 0;
    virtual int size() const = 0;
    virtual QString backendName() const = 0;
    // Copies rank 0's values into every rank's tensors (in place).
    virtual void broadcastParameters(const std::vector<at::Tensor> &params) = 0;
    // Sums the gradients over ranks and divides by the world size, in buckets of flattened
    // gradients (bucketBytes each); parameters without a gradient are skipped on all ranks.
    virtual void averageGradients(const std::vector<at::Tensor> &params, size_t bucketBytes = 25u << 20) = 0;
    // Sums a small vector of doubles over ranks (metrics, counts).
    virtual std::vector<double> sum(const std::vector<double> &values) = 0;
    virtual void barrier() = 0;
    // Rank 0 doing something long alone (evaluation) while the others wait: rank 0 calls
    // rankZeroDone(tag) when it is done; the others block in waitForRankZero(tag, seconds), which
    // polls the rendezvous store instead of sitting in a collective, so the wait is bounded by
    // its own timeout rather than the collective timeout (and a tag is used once per run).
    // Throws std::runtime_error naming rank 0 when it has not finished in time.
    virtual void rankZeroDone(const std::string &tag) = 0;
    virtual void waitForRankZero(const std::string &tag, int timeoutSeconds) = 0;
};

} // namespace avt::dist
