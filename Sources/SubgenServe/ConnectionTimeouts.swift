import NIOCore
import NIOHTTPTypes

/// The two time limits on a connection that Hummingbird's idle timeout leaves open, as a NIO channel handler in
/// the connection's pipeline (after the HTTP parts are decoded):
///
/// - `bodyTimeout`: a request body must have arrived in full this long after its head. Hummingbird counts
///   every piece of a body as activity, so a body sent a byte at a time would otherwise hold the connection.
/// - `writeTimeout`: while part of an answer waits to be sent, the client must take some of it within this
///   time. Hummingbird does not time a connection while it answers, so a client that stops reading a large
///   answer would otherwise hold it for good. A slow reader that keeps taking bytes gets the whole answer.
///
/// The connection is closed when either passes. Runs on the connection's event loop only.
final class ConnectionTimeouts: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let bodyTimeout: TimeAmount
    private let writeTimeout: TimeAmount
    private var bodyDeadline: Scheduled<Void>?
    private var writeCheck: Scheduled<Void>?
    /// Writes handed on and not yet taken by the system (the client's side of the connection is full).
    private var unfinishedWrites = 0
    /// When a write last finished, or the first unfinished one was handed on.
    private var lastWriteProgress = NIODeadline.now()

    init(limits: PreviewLimits) {
        bodyTimeout = TimeAmount(limits.bodyTimeout)
        writeTimeout = TimeAmount(limits.writeTimeout)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            bodyDeadline?.cancel()
            bodyDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: bodyTimeout) {
                context.close(promise: nil)
            }
        case .end:
            bodyDeadline?.cancel()
            bodyDeadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let promise = promise ?? context.eventLoop.makePromise()
        if unfinishedWrites == 0 { lastWriteProgress = .now() }
        unfinishedWrites += 1
        promise.futureResult.assumeIsolated().whenComplete { _ in
            self.unfinishedWrites -= 1
            self.lastWriteProgress = .now()
        }
        scheduleWriteCheck(context, at: lastWriteProgress + writeTimeout)
        context.write(data, promise: promise)
    }

    /// Looks at `deadline` whether the client has taken nothing for `writeTimeout` while writes wait.
    private func scheduleWriteCheck(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        guard writeCheck == nil else { return }
        writeCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.writeCheck = nil
            guard self.unfinishedWrites > 0 else { return }
            let due = self.lastWriteProgress + self.writeTimeout
            if due <= .now() {
                context.close(promise: nil)
            } else {
                self.scheduleWriteCheck(context, at: due)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
    }

    private func cancelTimers() {
        bodyDeadline?.cancel()
        bodyDeadline = nil
        writeCheck?.cancel()
        writeCheck = nil
    }
}
