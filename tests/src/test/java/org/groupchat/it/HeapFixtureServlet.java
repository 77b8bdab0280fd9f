package org.groupchat.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Test fixture deployed beside the EAR: how much the server's heap holds. {@code POST} collects
 * garbage, starts the peak counts afresh and answers the bytes the long-lived part of the heap
 * (G1's old generation, where a large buffer would end up) holds; {@code GET} answers that part's
 * peak since. The difference is what the heap grew by in between, whatever young collections did.
 */
@WebServlet("/heap")
public class HeapFixtureServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : longLivedPools()) {
            pool.resetPeakUsage();
            used += pool.getUsage().getUsed();
        }
        response.getWriter().print(used);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(longLivedPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum());
    }

    private static List<MemoryPoolMXBean> longLivedPools() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .filter(pool -> pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
                .toList();
        if (pools.isEmpty()) {
            throw new IllegalStateException("no old-generation pool among " + ManagementFactory.getMemoryPoolMXBeans());
        }
        return pools;
    }
}
