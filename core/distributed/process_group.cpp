#include "core/distributed/process_group.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>
#ifdef USE_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <chrono>
#include <stdexcept>
#include <thread>

namespace avt::dist {

namespace {

class C10dGroup : public ProcessGroup {
public:
    C10dGroup(c10::intrusive_ptr<c10d::ProcessGroup> pg, QString backend, c10::intrusive_ptr<c10d::Store> store)
        : m_pg(std::move(pg)), m_backend(std::move(backend)), m_store(std::move(store))
    {}

    int rank() const override { return m_pg->getRank(); }
    int size() const override { return m_pg->getSize(); }
    QString backendName() const override { return m_backend; }

    void broadcastParameters(const std::vector<at::Tensor> &params) override
    {
        torch::NoGradGuard guard;
        for (const at::Tensor &p : params) {
            std::vector<at::Tensor> one{p.data()};
            wait(m_pg->broadcast(one), "broadcast of the initial parameters");
        }
    }

    void averageGradients(const std::vector<at::Tensor> &params, size_t bucketBytes) override
    {
        torch::NoGradGuard guard;
        std::vector<at::Tensor> bucket;
        size_t bytes = 0;
        auto flush = [&] {
            if (bucket.empty())
                return;
            // One flat buffer per bucket: fewer, larger messages than one per tensor.
            std::vector<at::Tensor> flat{torch::cat(flatten(bucket))};
            wait(m_pg->allreduce(flat), "all-reduce of the gradients");
            flat[0].div_(double(size()));
            int64_t offset = 0;
            for (at::Tensor &g : bucket) {
                const int64_t n = g.numel();
                g.copy_(flat[0].narrow(0, offset, n).view_as(g));
                offset += n;
            }
            bucket.clear();
            bytes = 0;
        };
        for (const at::Tensor &p : params) {
            if (!p.grad().defined())
                continue;
            at::Tensor g = p.mutable_grad();
            bucket.push_back(g);
            bytes += size_t(g.numel()) * g.element_size();
            if (bytes >= bucketBytes)
                flush();
        }
        flush();
    }

    std::vector<double> sum(const std::vector<double> &values) override
    {
        std::vector<at::Tensor> t{torch::tensor(values, torch::kFloat64)};
        wait(m_pg->allreduce(t), "all-reduce of metrics");
        std::vector<double> out(values.size());
        auto acc = t[0].accessor<double, 1>();
        for (size_t i = 0; i < values.size(); ++i)
            out[i] = acc[int64_t(i)];
        return out;
    }

    void barrier() override { wait(m_pg->barrier(), "barrier"); }

    void rankZeroDone(const std::string &tag) override
    {
        const std::string key = "avt/rank0/" + tag;
        m_store->set(key, std::vector<uint8_t>{1});
    }

    void waitForRankZero(const std::string &tag, int timeoutSeconds) override
    {
        const std::string key = "avt/rank0/" + tag;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
        while (!m_store->check({key})) {
            if (std::chrono::steady_clock::now() > until)
                throw std::runtime_error("rank 0 did not finish " + tag + " within " + std::to_string(timeoutSeconds)
                                         + " s (rank " + std::to_string(rank()) + " waited)");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

private:
    static std::vector<at::Tensor> flatten(const std::vector<at::Tensor> &ts)
    {
        std::vector<at::Tensor> out;
        out.reserve(ts.size());
        for (const at::Tensor &t : ts)
            out.push_back(t.reshape({-1}));
        return out;
    }

    void wait(const c10::intrusive_ptr<c10d::Work> &work, const char *what)
    {
        try {
            work->wait();
        } catch (const std::exception &e) {
            throw std::runtime_error(std::string(what) + " failed on rank " + std::to_string(rank())
                                     + " (another rank probably stopped): " + e.what());
        }
    }

    c10::intrusive_ptr<c10d::ProcessGroup> m_pg;
    QString m_backend;
    c10::intrusive_ptr<c10d::Store> m_store;
};

} // namespace

Result<std::unique_ptr<ProcessGroup>> ProcessGroup::create(const DistEnv &env, bool cuda, int timeoutSeconds)
{
    try {
        c10d::TCPStoreOptions opts;
        opts.port = uint16_t(env.masterPort);
        opts.isServer = env.rank == 0;
        opts.numWorkers = env.worldSize;
        opts.waitWorkers = true;
        opts.timeout = std::chrono::seconds(timeoutSeconds);
        auto tcp = c10::make_intrusive<c10d::TCPStore>(env.masterAddr.toStdString(), opts);
        auto store = c10::make_intrusive<c10d::PrefixStore>("avt", tcp);
#ifdef USE_C10D_NCCL
        if (cuda) {
            auto o = c10d::ProcessGroupNCCL::Options::create();
            o->timeout = std::chrono::seconds(timeoutSeconds);
            auto pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, env.rank, env.worldSize, o);
            return std::unique_ptr<ProcessGroup>(new C10dGroup(pg, QStringLiteral("nccl"), tcp));
        }
#endif
#ifdef USE_C10D_GLOO
        auto o = c10d::ProcessGroupGloo::Options::create();
        o->timeout = std::chrono::seconds(timeoutSeconds);
        const QString iface = qEnvironmentVariable("GLOO_SOCKET_IFNAME");
        if (!iface.isEmpty())
            o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(iface.toStdString()));
        else if (env.masterAddr == QLatin1String("127.0.0.1") || env.masterAddr == QLatin1String("localhost"))
            o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            o->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        o->threads = 2;
        auto pg = c10::make_intrusive<c10d::ProcessGroupGloo>(store, env.rank, env.worldSize, o);
        Q_UNUSED(cuda);
        return std::unique_ptr<ProcessGroup>(new C10dGroup(pg, QStringLiteral("gloo"), tcp));
#else
        Q_UNUSED(cuda);
        return makeError(QStringLiteral("unsupported"),
                         QStringLiteral("this LibTorch has no Gloo or NCCL process group"));
#endif
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("dist"),
                         QStringLiteral("rank %1 of %2 could not join the run at %3:%4: %5")
                             .arg(env.rank)
                             .arg(env.worldSize)
                             .arg(env.masterAddr)
                             .arg(env.masterPort)
                             .arg(QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

} // namespace avt::dist
