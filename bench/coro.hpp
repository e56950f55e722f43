// coro.hpp - the minimal C++20 coroutine types the C++ benchmarks use.
//   generator<T>: co_yield values, resumed by hand (W1).
//   task<T>:      lazy (starts suspended), co_return a value, may suspend
//                 with co_await std::suspend_always{}, and is awaitable by
//                 another coroutine with symmetric transfer (W3, W4, W5).
//   job:          a void coroutine resumed by a scheduler (W2).
// No allocator tricks: frames come from the default operator new, as a
// user's coroutine would get.
#ifndef BENCH_CORO_HPP
#define BENCH_CORO_HPP

#include <coroutine>
#include <exception>
#include <utility>

template <class T> struct generator {
    struct promise_type {
        T value;
        generator get_return_object()
        {
            return generator{std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        std::suspend_always yield_value(T v) noexcept
        {
            value = v;
            return {};
        }
        void return_void() noexcept {}
        void unhandled_exception() { std::terminate(); }
    };
    std::coroutine_handle<promise_type> h;
    explicit generator(std::coroutine_handle<promise_type> hh) : h(hh) {}
    generator(generator &&o) noexcept : h(std::exchange(o.h, {})) {}
    generator(const generator &) = delete;
    ~generator()
    {
        if (h)
            h.destroy();
    }
};

template <class T> struct task {
    struct promise_type {
        T value{};
        std::coroutine_handle<> cont = std::noop_coroutine();
        task get_return_object()
        {
            return task{std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct final_awaiter {
            bool await_ready() noexcept { return false; }
            std::coroutine_handle<>
            await_suspend(std::coroutine_handle<promise_type> me) noexcept
            {
                return me.promise().cont; // symmetric transfer to the awaiter
            }
            void await_resume() noexcept {}
        };
        final_awaiter final_suspend() noexcept { return {}; }
        void return_value(T v) noexcept { value = v; }
        void unhandled_exception() { std::terminate(); }
    };
    std::coroutine_handle<promise_type> h;
    explicit task(std::coroutine_handle<promise_type> hh) : h(hh) {}
    task(task &&o) noexcept : h(std::exchange(o.h, {})) {}
    task(const task &) = delete;
    ~task()
    {
        if (h)
            h.destroy();
    }
    // co_await child: start the child, resume us when it finishes.
    struct awaiter {
        std::coroutine_handle<promise_type> child;
        bool await_ready() noexcept { return false; }
        std::coroutine_handle<>
        await_suspend(std::coroutine_handle<> parent) noexcept
        {
            child.promise().cont = parent;
            return child; // symmetric transfer into the child
        }
        T await_resume() noexcept { return child.promise().value; }
    };
    awaiter operator co_await() && noexcept { return awaiter{h}; }
};

struct job {
    struct promise_type {
        job get_return_object()
        {
            return job{std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() noexcept {}
        void unhandled_exception() { std::terminate(); }
    };
    std::coroutine_handle<promise_type> h; // owned by whoever runs it
};

#endif
