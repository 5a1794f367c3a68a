/** Floor: a JVM that does nothing (prints once, then sleeps), with the launcher's JVM options. */
public final class Hello {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("hello");
        Thread.sleep(Long.MAX_VALUE);
    }
}
