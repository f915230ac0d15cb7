package dev.frontdesk.gateway.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The proxies whose forwarding headers ({@code X-Forwarded-*}, {@code Forwarded}, {@code
 * X-Request-Id}) are believed: a list of addresses and CIDR blocks, IPv4 and IPv6.
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<byte[][]> blocks; // {address, mask}

  private TrustedProxies(List<byte[][]> blocks) {
    this.blocks = blocks;
  }

  public static TrustedProxies none() {
    return NONE;
  }

  /** Parses addresses and CIDR blocks such as {@code 10.0.0.0/8} or {@code ::1}. */
  public static TrustedProxies of(List<String> cidrs) {
    List<byte[][]> blocks = new ArrayList<>();
    for (String cidr : cidrs) {
      blocks.add(parseBlock(cidr));
    }
    return new TrustedProxies(List.copyOf(blocks));
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** True when {@code address} (an IP literal) lies in a trusted block. */
  public boolean contains(String address) {
    if (blocks.isEmpty()) {
      return false;
    }
    byte[] ip = parseLiteral(address);
    if (ip == null) {
      return false;
    }
    for (byte[][] block : blocks) {
      if (matches(block, ip)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[][] block, byte[] ip) {
    byte[] net = block[0];
    byte[] mask = block[1];
    if (net.length != ip.length) {
      return false;
    }
    for (int i = 0; i < ip.length; i++) {
      if ((ip[i] & mask[i]) != (net[i] & mask[i])) {
        return false;
      }
    }
    return true;
  }

  private static byte[][] parseBlock(String cidr) {
    int slash = cidr.indexOf('/');
    String host = slash < 0 ? cidr : cidr.substring(0, slash);
    byte[] address = parseLiteral(host);
    if (address == null) {
      throw new IllegalArgumentException(
          "trusted proxy '" + cidr + "' is not an IP address or CIDR block");
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > address.length * 8) {
        throw new IllegalArgumentException(
            "trusted proxy '" + cidr + "' has an invalid prefix length");
      }
    }
    byte[] mask = new byte[address.length];
    for (int i = 0; i < mask.length; i++) {
      int remaining = Math.max(0, Math.min(8, bits - i * 8));
      mask[i] = (byte) (0xff << (8 - remaining));
    }
    return new byte[][] {address, mask};
  }

  /** The bytes of an IPv4 or IPv6 literal, or null; never resolves a name. */
  static byte @Nullable [] parseLiteral(String s) {
    String literal = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    if (literal.isEmpty()) {
      return null;
    }
    boolean v6 = literal.indexOf(':') >= 0;
    for (char c : literal.toCharArray()) {
      boolean ok =
          (c >= '0' && c <= '9')
              || c == '.'
              || (v6 && (c == ':' || c == '%' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return null; // a name: InetAddress would try to resolve it
      }
    }
    if (!v6 && literal.chars().filter(c -> c == '.').count() != 3) {
      return null;
    }
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
