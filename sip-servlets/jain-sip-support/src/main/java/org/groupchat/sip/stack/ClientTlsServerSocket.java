package org.groupchat.sip.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The JDK's TLS server socket, as clients meet it: each accepted connection is first counted
 * against its address's limit ({@link ConnectionsPerAddress}; one past it is closed before its
 * handshake), and what it sends passes {@link PushedInfoAnswerFilter} as over TCP
 * ({@link AnswerFilteringSslSocket}). JAIN-SIP needs an {@link SSLServerSocket} to set up, so
 * everything else is handed to the JDK's.
 */
final class ClientTlsServerSocket extends SSLServerSocket {

    private final SSLServerSocket tls;
    /** Null on a plain JAIN-SIP stack: no limit. */
    private final ConnectionsPerAddress admission;
    private final int maxMessageBytes;
    /** Null on a plain JAIN-SIP stack: answers are not timed. */
    private final LateAnswers lateAnswers;

    ClientTlsServerSocket(SSLServerSocket tls, ConnectionsPerAddress admission, int maxMessageBytes, LateAnswers lateAnswers)
            throws IOException {
        this.tls = tls;
        this.admission = admission;
        this.maxMessageBytes = maxMessageBytes;
        this.lateAnswers = lateAnswers;
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            Socket accepted = new AnswerFilteringSslSocket((SSLSocket) tls.accept(), maxMessageBytes, lateAnswers);
            if (admission == null || admission.admit(accepted)) {
                accepted.setTcpNoDelay(true);
                return accepted;
            }
        }
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }

    @Override
    public boolean isClosed() {
        return tls.isClosed();
    }

    @Override
    public boolean isBound() {
        return tls.isBound();
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        tls.bind(endpoint, backlog);
    }

    @Override
    public InetAddress getInetAddress() {
        return tls.getInetAddress();
    }

    @Override
    public int getLocalPort() {
        return tls.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tls.getLocalSocketAddress();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tls.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws IOException {
        return tls.getSoTimeout();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        tls.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return tls.getReceiveBufferSize();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        tls.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return tls.getReuseAddress();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return tls.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        tls.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return tls.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return tls.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        tls.setEnabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        tls.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return tls.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        tls.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return tls.getWantClientAuth();
    }

    @Override
    public void setUseClientMode(boolean clientMode) {
        tls.setUseClientMode(clientMode);
    }

    @Override
    public boolean getUseClientMode() {
        return tls.getUseClientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean enabled) {
        tls.setEnableSessionCreation(enabled);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return tls.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return tls.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        tls.setSSLParameters(parameters);
    }

    @Override
    public String toString() {
        return tls.toString();
    }
}
