public enum QuarrySearchModule {}
